declare const unrecognized: unique symbol;

/** A string the SDK does not know yet (open enums let new server values through). */
export type Unrecognized<T> = T & { [unrecognized]: true };

/** The known values of an open enum, or any other string the server may add later. */
export type OpenEnum<T extends string> = T | Unrecognized<string>;
