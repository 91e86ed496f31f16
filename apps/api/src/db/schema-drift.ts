import pg from "pg";
import { NO_FILTERS, readSchema } from "./migrations.ts";
import { withSchemaEngine } from "./schema-engine.ts";

/**
 * The SQL that creates prisma/schema.prisma from nothing, as Prisma's schema engine writes it
 * (`prisma migrate diff --from-empty --to-schema`). No database is read.
 */
export async function schemaCreationSql(
  connectionString: string,
  from?: { path: string; content: string },
): Promise<string> {
  const schema = await readSchema();
  return withSchemaEngine(connectionString, schema, async (engine) => {
    const result = await engine.diff({
      from: from ? { tag: "schemaDatamodel", files: [from] } : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return result.stdout ?? "";
  });
}

/** The statements of a migration script, without comments and blank lines ("" when it does nothing). */
export function sqlStatementsOnly(sql: string): string {
  return sql
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.trim().startsWith("--"))
    .join("\n");
}

export type SchemaSnapshot = string[];

/**
 * Everything about a database's public schema that Prisma manages, one line per fact: columns with
 * type, nullability and default; indexes; constraints; enum labels. Two databases with equal
 * snapshots are interchangeable for the Prisma client. (Prisma's introspection would be the natural
 * tool, but through the pg driver adapter it cannot read PostgreSQL's `"char"` catalog columns.)
 */
export async function snapshotSchema(connectionString: string): Promise<SchemaSnapshot> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const facts = await client.query<{ fact: string }>(`
      SELECT format('column %s.%s %s %s default=%s', table_name, column_name,
                    CASE WHEN data_type IN ('USER-DEFINED', 'ARRAY') THEN udt_name ELSE data_type END
                      || coalesce('(' || character_maximum_length || ')', '')
                      || coalesce('(' || datetime_precision || ')', ''),
                    CASE is_nullable WHEN 'YES' THEN 'null' ELSE 'not null' END,
                    coalesce(column_default, '-')) AS fact
        FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
      UNION ALL
      SELECT format('index %s', indexdef) FROM pg_indexes
       WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
      UNION ALL
      SELECT format('constraint %s on %s: %s', c.conname, t.relname, pg_get_constraintdef(c.oid))
        FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'
      UNION ALL
      SELECT format('enum %s: %s', t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder))
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = 'public' GROUP BY t.typname
    `);
    return facts.rows.map((row) => row.fact).sort();
  } finally {
    await client.end();
  }
}

/** Facts present in one snapshot and not the other, marked `-` (only in `actual`) and `+` (only in `expected`). */
export function compareSnapshots(actual: SchemaSnapshot, expected: SchemaSnapshot): string[] {
  const inActual = new Set(actual);
  const inExpected = new Set(expected);
  return [
    ...actual.filter((fact) => !inExpected.has(fact)).map((fact) => `- ${fact}`),
    ...expected.filter((fact) => !inActual.has(fact)).map((fact) => `+ ${fact}`),
  ];
}

export async function executeScript(connectionString: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
