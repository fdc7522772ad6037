// The SQLite side of DirectReader: hot point reads on a second, read-only
// connection, with their results remembered until the database changes.

import type BetterSqlite3 from "better-sqlite3";
import type { DirectReader } from "../prepared.js";

const MAX_REMEMBERED = 10_000;
/** Larger results (pages of a long event history) are not remembered: memory stays bounded by entries × rows. */
const MAX_REMEMBERED_ROWS = 200;

interface Shape {
  statement: BetterSqlite3.Statement;
  columns: string[];
  /** Distinguishes this shape's entries in the shared result map. */
  prefix: string;
}

/**
 * `PRAGMA data_version` on this connection changes whenever any other
 * connection (this process's writer, another server process, the CLI) commits.
 * Checking it costs a fraction of re-reading a row, so a repeated read of
 * unchanged data is answered from memory and a read after any commit goes to
 * the database: never stale, across processes too. When full, the least
 * recently used result is dropped, one per new entry, so a working set larger
 * than the bound keeps most of its hits instead of losing all at once.
 */
export function openReader(connection: BetterSqlite3.Database, capacity = MAX_REMEMBERED): DirectReader {
  const dataVersion = connection.prepare("pragma data_version").pluck();
  const shapes = new Map<string, Shape>();
  /** Rows by shape and parameter values, least recently used first; valid while `PRAGMA data_version` stays the same. */
  const results = new Map<string, unknown[]>();
  let version: unknown;

  const shapeOf = (sql: string): Shape => {
    let shape = shapes.get(sql);
    if (shape === undefined) {
      // Raw (array) rows are much cheaper for better-sqlite3 to build than objects; name them here.
      const statement = connection.prepare(sql).raw(true);
      shape = { statement, columns: statement.columns().map((c) => c.name), prefix: `${shapes.size}\u0000` };
      shapes.set(sql, shape);
    }
    return shape;
  };

  return {
    changeMark: () => dataVersion.get(),
    all(sql, parameters) {
      const current = dataVersion.get();
      if (current !== version) {
        results.clear();
        version = current;
      }
      const shape = shapeOf(sql);
      const key = shape.prefix + parameters.join("\u0000");
      let rows = results.get(key);
      if (rows !== undefined) {
        // Move to the most recently used end.
        results.delete(key);
        results.set(key, rows);
      } else {
        const { statement, columns } = shape;
        rows = (statement.all(...parameters) as unknown[][]).map((values) => {
          const row: Record<string, unknown> = {};
          for (let i = 0; i < columns.length; i++) row[columns[i]] = values[i];
          return Object.freeze(row);
        });
        if (rows.length <= MAX_REMEMBERED_ROWS) {
          if (results.size >= capacity) results.delete(results.keys().next().value!);
          results.set(key, rows);
        }
      }
      return rows;
    },
    // The connection belongs to the driver, which closes it with the database.
    close: () => {},
  };
}
