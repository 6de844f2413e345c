import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Postgrator from 'postgrator';
import type { Database } from './db';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Brings the schema to the newest version; runs at every start. */
export async function migrate(db: Database): Promise<number> {
  const postgrator = new Postgrator({
    migrationPattern: path.join(DIR, '*').replace(/\\/g, '/'),
    driver: 'pg',
    schemaTable: 'schema_version',
    execQuery: (sql) => db.exec(sql),
  });
  await postgrator.migrate();
  return postgrator.getDatabaseVersion();
}
