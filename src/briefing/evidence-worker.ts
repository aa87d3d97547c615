import Database from 'better-sqlite3';
import { type EvidenceOptions, type EvidenceWindow, gatherEvidence } from '../db/search.ts';
import { serveJobs } from '../worker-pool.ts';

type Job = {
  file: string;
  fts: string | null;
  window: EvidenceWindow;
  options: EvidenceOptions;
};

const connections = new Map<string, Database.Database>();

// A read-only connection of its own: in WAL mode it reads while the main thread writes.
function connection(file: string): Database.Database {
  let db = connections.get(file);
  if (!db) {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -16384');
    connections.set(file, db);
  }
  return db;
}

serveJobs(async (job: Job) => gatherEvidence(connection(job.file), job.fts, job.window, job.options));
