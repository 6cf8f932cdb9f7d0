import { dropSchema, testDatabaseUrl, uniqueName } from '@app/testing';
import type { ReadModelDb } from '../database';
import { describeReportsInSql } from '../report-facts/report-facts.conformance';
import { openPostgresReadModels } from './postgres-read-models';

const schemas = new Map<ReadModelDb, string>();

describeReportsInSql('PostgreSQL read models', {
  open: async () => {
    const schema = uniqueName('rm_facts');
    const db = await openPostgresReadModels({ connectionString: testDatabaseUrl(), schema, poolSize: 2 });
    schemas.set(db, schema);
    return db;
  },
  close: async (db) => {
    await db.destroy();
    await dropSchema(schemas.get(db)!);
  },
});
