/**
 * The scheme catalogue. `GET /v1/schemes` lists the newest version of each scheme;
 * `GET /v1/schemes/:id` answers the newest scheme file itself (validate it with the domain's
 * `loadScheme`), `/versions/:n` an exact one. All three carry an ETag and answer 304 to a
 * matching If-None-Match.
 */
import { z } from 'zod';
import { periodSchema } from './common';

export const catalogueEntrySchema = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  yearLabel: z.string(),
  associationName: z.string(),
  city: z.string(),
  coverageYear: periodSchema,
  /** The ETag `GET /v1/schemes/:id` answers for this version. */
  etag: z.string(),
  publishedAt: z.string(),
});
export type CatalogueEntry = z.infer<typeof catalogueEntrySchema>;

export const catalogueSchema = z.object({ schemes: z.array(catalogueEntrySchema) });
export type Catalogue = z.infer<typeof catalogueSchema>;
