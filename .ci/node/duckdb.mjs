// Runs SQL queries with DuckDB (the @duckdb/node-api package, installed
// by .ci/run into .ci/node) and prints each query's rows as JSON, one
// line per query. Used by reflect's tests to read its Parquet files back.
//
//   node duckdb.mjs "select count(*) from 'rows.parquet'" ...
import { DuckDBInstance } from '@duckdb/node-api';

const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
for (const sql of process.argv.slice(2)) {
  const reader = await conn.runAndReadAll(sql);
  console.log(JSON.stringify(reader.getRowObjectsJson()));
}
