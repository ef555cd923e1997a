/**
 * What the pages process (scripts/render-pages.ts) tells the build
 * (scripts/build.ts) while Astro renders, so that the build does at the same
 * time what needs the content pass only, not the pages:
 * - `verified`: Astro's cache and the image cache are checked against their
 *   signatures; the trash of earlier sites may be emptied; the image cache's
 *   files as found, for the build to sign once it has published them;
 * - `content`: the content pass is done; its images and media files may be
 *   published, and its search indexed when its plan came with it
 *   (planSearch, searchAlongsidePages; otherwise the plan is in the pages
 *   process's report);
 * - `cards`: every share card is in the cache and may be published.
 * Sent as JSON over the process's IPC channel: plain data only.
 */
import type { FileRecord, ImageRecord } from '../content/images.ts';
import type { ShareCard } from '../content/share-images.ts';
import type { CheckedFiles } from './restore.ts';
import type { SearchPlan } from './search.ts';

/** A CheckedFiles map as its entries: the channel carries JSON. */
export type ImagesChecked = [string, CheckedFiles extends Map<string, infer C> ? C : never][];

export type PagesMessage =
  | { kind: 'verified'; imagesChecked: ImagesChecked }
  | { kind: 'content'; images: ImageRecord[]; files: FileRecord[]; search?: SearchPlan[] }
  | { kind: 'cards'; shareCards: ShareCard[] };

export type ContentMessage = Extract<PagesMessage, { kind: 'content' }>;
