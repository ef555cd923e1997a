/**
 * `node scripts/websub-ping.ts`: after a deploy, tells the WebSub hub of
 * site.yaml (`websub.hub`) which feeds of the built site changed since the
 * last announcement (src/publish/websub.ts). Reads the same variables as the
 * build: ROTATIVE_CONTENT_DIR (site.yaml), ROTATIVE_OUT_DIR (the built
 * site), ROTATIVE_CACHE_DIR (the record of what was announced), SITE_URL.
 *
 * Without a hub it says so and does nothing. A failed ping is a warning,
 * not a failure: the site is online already, readers' apps still poll the
 * feed, and the next run announces it again.
 */
import { existsSync } from 'node:fs';
import { readEnvironmentOrExit } from '../src/config/environment.ts';
import { publicUrl, readSite } from '../src/content/load.ts';
import { formatProblems, type ContentProblem } from '../src/lib/errors.ts';
import { changedFeeds, currentFeeds, nextRecord, pingHub, pingRecordFile, readPingRecord, writePingRecord } from '../src/publish/websub.ts';

const env = readEnvironmentOrExit();
const problems: ContentProblem[] = [];
const site = readSite(env.contentDir, problems)?.data;
if (!site || problems.length > 0) {
  console.error(formatProblems(problems));
  process.exit(1);
}
const hub = site.websub?.hub;
if (!hub) {
  console.log('WebSub : aucun hub dans site.yaml (websub: { hub: "https://…" }), aucun flux à signaler.');
  process.exit(0);
}
if (!existsSync(env.outDir)) {
  console.error(`✖ WebSub : le site construit manque (${env.outDir}) ; attendu : le dossier de sortie de npm run build ; lancez la construction avant de signaler les flux.`);
  process.exit(1);
}

const siteUrl = publicUrl(env, site);
const recordFile = pingRecordFile(env.cacheDir, siteUrl, hub);
const record = readPingRecord(recordFile);
const current = currentFeeds(env.outDir, siteUrl);
const urls = changedFeeds(current, record);
if (urls.length === 0) {
  console.log(`WebSub : aucun flux n’a changé depuis le dernier signalement à ${hub}.`);
  process.exit(0);
}
const results = await pingHub(hub, urls);
for (const r of results) {
  if (r.ok) console.log(`WebSub : ${r.url} signalé à ${hub}`);
  else console.warn(`⚠ WebSub : ${r.url} non signalé — ${r.error} ; il sera signalé de nouveau au prochain déploiement.`);
}
writePingRecord(recordFile, nextRecord(current, record, results));
const failed = results.filter((r) => !r.ok).length;
const count = (n: number) => `${n} flux`;
console.log(`WebSub : ${count(results.length - failed)} signalé${results.length - failed > 1 ? 's' : ''}${failed > 0 ? `, ${count(failed)} en échec` : ''}.`);
