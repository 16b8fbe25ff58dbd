/** What the last action did (a status) or why it failed (an alert), announced to screen readers. */
export function OutcomeMessages({ message, problem }: { message: string | null; problem: string | null }) {
  return (
    <>
      {message && (
        <p role="status" className="notice">
          {message}
        </p>
      )}
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </>
  );
}
