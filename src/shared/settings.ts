// An organization's configuration (PRODUCT.md, "Routing and assignment"; Live Sessions thresholds).
import { z } from "zod";

const fields = {
  autoAccept: z.boolean(),
  maxChatsPerAgent: z.number().int().min(1).max(100),
  roundRobin: z.boolean(),
  /** null = off. */
  queueTimeoutMinutes: z.number().int().min(1).max(1440).nullable(),
  waitThresholds: z
    .object({ amberSeconds: z.number().int().min(1).max(86_400), redSeconds: z.number().int().min(1).max(86_400) })
    .refine((t) => t.redSeconds > t.amberSeconds, { message: "must be above amberSeconds", path: ["redSeconds"] }),
};

export const settingsSchema = z
  .object({
    autoAccept: fields.autoAccept.default(false),
    maxChatsPerAgent: fields.maxChatsPerAgent.default(10),
    roundRobin: fields.roundRobin.default(false),
    queueTimeoutMinutes: fields.queueTimeoutMinutes.default(null),
    waitThresholds: fields.waitThresholds.default({ amberSeconds: 60, redSeconds: 180 }),
  })
  .meta({ id: "Settings" });

/** A change of some settings; zod's defaults stay out of it, so what is not sent is not touched. */
export const settingsPatchSchema = z
  .object(fields)
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, "nothing to change");
export type Settings = z.infer<typeof settingsSchema>;
export const defaultSettings: Settings = settingsSchema.parse({});
