// Building blocks shared by the contract files.
import { z } from "zod";

export const id = z.uuid();
export const timestamp = z.iso.datetime({ offset: true });
export const name = (max: number) => z.string().trim().min(1).max(max);
export const idParams = z.object({ id });
export const ref = z.object({ id, name: z.string() });
export type Ref = z.infer<typeof ref>;
