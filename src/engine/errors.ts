/**
 * An input the engine refuses. The message says what is wrong and where (file,
 * question id, field), because the person reading it is fixing a file by hand.
 * One error may carry several problems: a file is checked whole, and every
 * problem in it is listed, not only the first.
 */
export class InputError extends Error {
  /** Every problem found, each a full line ("file: question "x": field "y": what is wrong"). */
  readonly problems: string[];

  constructor(
    message: string,
    readonly where: string[] = [],
  ) {
    super(where.length > 0 ? `${where.join(': ')}: ${message}` : message);
    this.name = 'InputError';
    this.problems = [this.message];
  }

  /** Several problems as one error; its message has one line per problem. */
  static many(errors: readonly InputError[]): InputError {
    if (errors.length === 1) return errors[0]!;
    const combined = new InputError(errors.map((e) => e.message).join('\n'));
    (combined as { problems: string[] }).problems = errors.flatMap((e) => e.problems);
    return combined;
  }
}

/** Collects problems while a whole file is checked; throws them all at the end. */
export class ProblemList {
  private readonly errors: InputError[] = [];

  add(message: string, where: string[] = []): void {
    this.errors.push(new InputError(message, where));
  }

  addError(error: InputError): void {
    this.errors.push(error);
  }

  /** Runs a check; an InputError it throws is recorded and the checking goes on. */
  check<T>(run: () => T): T | undefined {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      this.errors.push(error);
      return undefined;
    }
  }

  get count(): number {
    return this.errors.length;
  }

  throwIfAny(): void {
    if (this.errors.length > 0) throw InputError.many(this.errors);
  }
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}
