// The SQLite side of DirectReader: hot point reads on a second, read-only
// connection, with their results remembered until the database changes.

import type BetterSqlite3 from "better-sqlite3";
import type { DirectReader } from "../prepared.js";

const MAX_REMEMBERED = 10_000;

interface Shape {
  statement: BetterSqlite3.Statement;
  columns: string[];
  /** Rows by parameter values, valid while `PRAGMA data_version` stays the same. */
  results: Map<string, unknown[]>;
}

/**
 * `PRAGMA data_version` on this connection changes whenever any other
 * connection (this process's writer, another server process, the CLI) commits.
 * Checking it costs a fraction of re-reading a row, so a repeated read of
 * unchanged data is answered from memory and a read after any commit goes to
 * the database: never stale, across processes too.
 */
export function openReader(connection: BetterSqlite3.Database): DirectReader {
  const dataVersion = connection.prepare("pragma data_version").pluck();
  const shapes = new Map<string, Shape>();
  let version: unknown;
  let remembered = 0;

  const shapeOf = (sql: string): Shape => {
    let shape = shapes.get(sql);
    if (shape === undefined) {
      // Raw (array) rows are much cheaper for better-sqlite3 to build than objects; name them here.
      const statement = connection.prepare(sql).raw(true);
      shape = { statement, columns: statement.columns().map((c) => c.name), results: new Map() };
      shapes.set(sql, shape);
    }
    return shape;
  };

  const forgetAll = () => {
    for (const shape of shapes.values()) shape.results.clear();
    remembered = 0;
  };

  return {
    all(sql, parameters) {
      const current = dataVersion.get();
      if (current !== version || remembered >= MAX_REMEMBERED) {
        forgetAll();
        version = current;
      }
      const shape = shapeOf(sql);
      const key = parameters.join("\u0000");
      let rows = shape.results.get(key);
      if (rows === undefined) {
        const { statement, columns } = shape;
        rows = (statement.all(...parameters) as unknown[][]).map((values) => {
          const row: Record<string, unknown> = {};
          for (let i = 0; i < columns.length; i++) row[columns[i]] = values[i];
          return Object.freeze(row);
        });
        shape.results.set(key, rows);
        remembered++;
      }
      return rows;
    },
    // The connection belongs to the driver, which closes it with the database.
    close: () => {},
  };
}
