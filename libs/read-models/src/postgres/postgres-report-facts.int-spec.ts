import { dropSchema, testDatabaseUrl, uniqueName } from '@app/testing';
import type { ReadModelDb } from '../database';
import { describeContactFacts } from '../report-facts/contact-facts.conformance';
import { describePrescriptionsInSql } from '../report-facts/prescription-facts.conformance';
import { describeReportsInSql } from '../report-facts/report-facts.conformance';
import { describeKeptSpells } from '../spells/person-spells.conformance';
import { openPostgresReadModels } from './postgres-read-models';

const schemas = new Map<ReadModelDb, string>();

const postgres = {
  open: async () => {
    const schema = uniqueName('rm_facts');
    const db = await openPostgresReadModels({ connectionString: testDatabaseUrl(), schema, poolSize: 2 });
    schemas.set(db, schema);
    return db;
  },
  close: async (db: ReadModelDb) => {
    await db.destroy();
    await dropSchema(schemas.get(db)!);
  },
};
describeReportsInSql('PostgreSQL read models', postgres);
describePrescriptionsInSql('PostgreSQL read models', postgres);
describeKeptSpells('PostgreSQL read models', postgres);
describeContactFacts('PostgreSQL read models', postgres);
