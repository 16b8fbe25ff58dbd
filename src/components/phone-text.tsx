/** A run of digits as phone numbers are written: "0800 00 47 47", "+212 5 39 00 00 00", "19". */
const NUMBER = /\+?\d(?:[ \u00a0.-]?\d)*/g;

/**
 * Text with its phone numbers kept whole: never split across two lines, and
 * written left to right inside Arabic text (a number read backwards is a wrong number).
 */
export function PhoneText({ text }: { text: string }) {
  const parts: (string | { number: string })[] = [];
  let last = 0;
  for (const match of text.matchAll(NUMBER)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push({ number: match[0] });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return (
    <>
      {parts.map((part, i) =>
        typeof part === 'string' ? (
          part
        ) : (
          <bdi key={i} dir="ltr" className="phone">
            {part.number}
          </bdi>
        ),
      )}
    </>
  );
}
