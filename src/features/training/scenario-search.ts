/**
 * Whether a scenario's texts contain what the trainer typed. Case and the kind
 * of apostrophe do not matter: the library prints French with ’ and a tablet's
 * keyboard types ', so "l'enfant" finds "l’enfant".
 */
const fold = (text: string) => text.toLowerCase().replace(/[’‘ʼ`´]/g, "'");

export function scenarioMatches(texts: readonly string[], typed: string): boolean {
  const words = fold(typed.trim());
  return words === '' || fold(texts.join(' ')).includes(words);
}
