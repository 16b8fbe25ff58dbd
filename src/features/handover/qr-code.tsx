import { useEffect, useState } from 'react';

/** QR alphanumeric mode: denser than bytes for upper-case text (the package codes). */
const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]*$/;

/**
 * A QR code drawn as SVG from the module matrix (no inline HTML, so the strict
 * CSP holds). The generator is loaded on first use: no screen before this needs it.
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const [drawn, setDrawn] = useState<{ text: string; size: number; path: string } | null>(null);
  useEffect(() => {
    let cancelled = false;
    void import('qrcode-generator').then(({ default: qrcode }) => {
      if (cancelled) return;
      const qr = qrcode(0, 'M');
      qr.addData(text, ALPHANUMERIC.test(text) ? 'Alphanumeric' : 'Byte');
      qr.make();
      const count = qr.getModuleCount();
      let path = '';
      for (let row = 0; row < count; row++) for (let col = 0; col < count; col++) if (qr.isDark(row, col)) path += `M${col + 4} ${row + 4}h1v1h-1z`;
      setDrawn({ text, size: count + 8, path });
    });
    return () => {
      cancelled = true;
    };
  }, [text]);
  if (!drawn || drawn.text !== text) return <div className="qr qr--loading" role="img" aria-label={label} />;
  return (
    <svg className="qr" role="img" aria-label={label} viewBox={`0 0 ${drawn.size} ${drawn.size}`} shapeRendering="crispEdges" data-qr-text-length={text.length}>
      <rect width={drawn.size} height={drawn.size} fill="#fff" />
      <path d={drawn.path} fill="#000" />
    </svg>
  );
}
