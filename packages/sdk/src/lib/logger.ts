/** Anything with console's grouping methods, `console` included. */
export interface Logger {
  group(label?: string): void;
  groupEnd(): void;
  log(message: any, ...args: any[]): void;
}
