import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import type Database from 'better-sqlite3';
import { PrismaClient } from '../generated/prisma/client.ts';
import { prepareDatabase } from './migrate.ts';

export type { Prisma } from '../generated/prisma/client.ts';
export type Sqlite = Database.Database;

/**
 * Prisma for ordinary reads and writes; the same SQLite connection, raw, for the hot paths
 * (ingest, search, claims) whose multi-statement work must be one synchronous transaction.
 */
export type Db = {
  prisma: PrismaClient;
  sqlite: Sqlite;
  close(): Promise<void>;
};

type AdapterFactory = ConstructorParameters<typeof PrismaClient>[0] extends { adapter?: infer A } ? A : never;

/** Opens the database named by DATABASE_URL, applying pending migrations first. */
export async function openDatabase(databaseUrl: string): Promise<Db> {
  const { file } = prepareDatabase(databaseUrl);
  const factory = new PrismaBetterSQLite3(
    { url: file, timeout: 10_000 },
    { timestampFormat: 'unixepoch-ms' },
  );
  let connection: Sqlite | undefined;
  // Share Prisma's own connection so raw and Prisma writes never wait on each other's locks.
  const sharing = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect();
      connection = (adapter as unknown as { client: Sqlite }).client;
      return adapter;
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  } as unknown as AdapterFactory;
  const prisma = new PrismaClient({ adapter: sharing });
  await prisma.$connect();
  if (!connection) throw new Error('The SQLite connection did not open');
  const sqlite = connection;
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  // The default 2 MB page cache thrashes on index-heavy ingest; 16 MB keeps the hot b-tree pages in memory.
  sqlite.pragma('cache_size = -16384');
  // Checkpoint the write-ahead log every ~40 MB rather than every 4 MB: fewer, larger copies during ingest.
  sqlite.pragma('wal_autocheckpoint = 10000');
  return {
    prisma,
    sqlite,
    close: async () => {
      await prisma.$disconnect();
      if (sqlite.open) sqlite.close();
    },
  };
}

const statements = new WeakMap<Sqlite, Map<string, Database.Statement>>();

/**
 * A prepared statement, prepared once per connection: preparing costs more than running a
 * small query, on paths taken with every request.
 */
export function cachedStatement(sqlite: Sqlite, sql: string): Database.Statement {
  let bySql = statements.get(sqlite);
  if (!bySql) {
    bySql = new Map();
    statements.set(sqlite, bySql);
  }
  let statement = bySql.get(sql);
  if (!statement) {
    statement = sqlite.prepare(sql).safeIntegers(false);
    bySql.set(sql, statement);
  }
  return statement;
}
