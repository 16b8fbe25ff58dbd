/**
 * An input the engine refuses. The message says what is wrong and where (file,
 * question id, field), because the person reading it is fixing a file by hand.
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly where: string[] = [],
  ) {
    super(where.length > 0 ? `${where.join(': ')}: ${message}` : message);
    this.name = 'InputError';
  }
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}
