/** Written by test/bench/run.ts from the questionnaire before the peer is built. */
declare module '@bench/survey.json' {
  const json: Record<string, unknown>;
  export default json;
}
