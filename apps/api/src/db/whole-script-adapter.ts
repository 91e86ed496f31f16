import type { PrismaPg } from "@prisma/adapter-pg";

type ScriptRunner = {
  client: { query(sql: string): Promise<unknown> };
  onError(error: unknown): never;
  executeScript(script: string): Promise<void>;
};

/**
 * The pg adapter runs a script by splitting it on every ";", which cuts function bodies
 * (`$$ … ; … $$`) apart, so a migration creating a trigger function cannot be applied. Prisma's
 * native schema engine sends a script as one simple-protocol query instead; PostgreSQL then runs
 * its statements in order, in one implicit transaction. This makes the adapter do the same.
 */
export function withWholeScripts(factory: PrismaPg): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const runner = adapter as unknown as ScriptRunner;
    runner.executeScript = async (script: string) => {
      try {
        await runner.client.query(script);
      } catch (error) {
        // The adapter's own translation into the engine's error shape.
        runner.onError(error);
      }
    };
    return adapter;
  };
  return factory;
}
