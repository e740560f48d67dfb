// The only reader of process.env: every option with its default and meaning, validated at start-up.
import path from "node:path";
import { z } from "zod";

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe("HTTP port"),
  HOST: z.string().default("127.0.0.1").describe("interface to listen on (0.0.0.0 for all)"),
  DATABASE_URL: z.string().url().optional().describe("PostgreSQL URL; unset = embedded PGlite"),
  DATA_DIR: z.string().default("./data").describe("folder of the embedded database"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  COOKIE_SECURE: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true")
    .describe("mark the sign-in cookie Secure (set true behind HTTPS)"),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12).describe("how long a sign-in lasts"),
  HEARTBEAT_SECONDS: z.coerce.number().positive().default(15).describe("SSE heartbeat interval"),
  MAX_REPLAY_EVENTS: z.coerce
    .number()
    .int()
    .positive()
    .default(10_000)
    .describe("a stream further behind than this is told to resync"),
  EVENT_RETENTION_HOURS: z.coerce.number().positive().default(72).describe("how long the event log keeps events"),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576).describe("largest request body"),
  EXPORTS_DIR: z
    .string()
    .optional()
    .describe("folder of finished CSV exports (default DATA_DIR/exports); shared by every server process"),
  EXPORT_LEASE_SECONDS: z.coerce
    .number()
    .int()
    .min(2)
    .default(30)
    .describe("an export whose runner stops renewing its lease this long is run again by another"),
  EXPORT_BATCH_ROWS: z.coerce.number().int().min(1).max(50_000).default(2_000).describe("rows an export reads at once"),
});

export type Config = z.infer<typeof configSchema>;
export const configOptions = configSchema.shape;

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return { ...parsed.data, ...overrides };
}

/** Where CSV exports are written and served from. */
export const exportsDirOf = (config: Config) =>
  path.resolve(config.EXPORTS_DIR ?? path.join(config.DATA_DIR, "exports"));
