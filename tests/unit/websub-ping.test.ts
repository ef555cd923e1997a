/**
 * WebSub after a deploy (src/publish/websub.ts, scripts/websub-ping.ts):
 * which feeds of a built site are announced, at which URL, how the hub is
 * asked (a real HTTP server plays the hub), what a failed ping leaves for
 * the next run; and the `websub:` block of site.yaml.
 */
import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteSchema } from '../../src/schemas/site.ts';
import { changedFeeds, currentFeeds, feedFilesOf, nextRecord, pingHub, pingRecordFile, publicFileUrl, readPingRecord } from '../../src/publish/websub.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(tmpdir(), 'rotative-websub-'));

/** A built site with feeds at the root, in a rubrique and a tag folder, and files named like feeds that are not. */
function builtSite(dir: string): string {
  const files: Record<string, string> = {
    'rss.xml': '<rss/>',
    'atom.xml': '<feed/>',
    'feed.json': '{}',
    'rubriques/cloud/rss.xml': '<rss>cloud</rss>',
    'tags/openstack/feed.json': '{"t":1}',
    'index.html': '<!doctype html>',
    '_media/rss.xml': 'un fichier joint, pas un flux',
    'pagefind/2016/feed.json': '{}',
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

/** A hub on 127.0.0.1 that records each request and answers `status`. */
let hub: Server;
let hubUrl: string;
let status = 204;
const received: { method: string; type: string; body: string }[] = [];
beforeAll(async () => {
  hub = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ method: req.method!, type: req.headers['content-type'] ?? '', body });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
  hubUrl = `http://127.0.0.1:${(hub.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await new Promise((resolve) => hub.close(resolve));
  rmSync(tmp, { recursive: true, force: true });
});

describe('the feeds of a built site', () => {
  it('are its rss.xml, atom.xml and feed.json files, not the files of _media or the search index', () => {
    const site = builtSite(path.join(tmp, 'list'));
    expect(feedFilesOf(site)).toEqual(['atom.xml', 'feed.json', 'rss.xml', 'rubriques/cloud/rss.xml', 'tags/openstack/feed.json']);
  });

  it('are announced at their public URL, under the site’s base path', () => {
    expect(publicFileUrl('tags/openstack/rss.xml', 'https://gazette.example')).toBe('https://gazette.example/tags/openstack/rss.xml');
    expect(publicFileUrl('tags/openstack/rss.xml', 'https://example.org/magazine')).toBe('https://example.org/magazine/tags/openstack/rss.xml');
  });

  it('are announced when new or changed, and not again while unchanged', () => {
    const site = builtSite(path.join(tmp, 'changes'));
    const first = currentFeeds(site, 'https://gazette.example');
    expect(changedFeeds(first, {})).toHaveLength(5);
    expect(changedFeeds(first, first)).toEqual([]);
    writeFileSync(path.join(site, 'rubriques/cloud/rss.xml'), '<rss>cloud, un article de plus</rss>');
    expect(changedFeeds(currentFeeds(site, 'https://gazette.example'), first)).toEqual(['https://gazette.example/rubriques/cloud/rss.xml']);
  });
});

describe('pinging the hub', () => {
  it('POSTs hub.mode=publish and hub.url, one form per feed', async () => {
    received.length = 0;
    status = 204;
    const urls = ['https://gazette.example/rss.xml', 'https://gazette.example/tags/c++/rss.xml'];
    const results = await pingHub(hubUrl, urls);
    expect(results).toEqual(urls.map((url) => ({ url, ok: true })));
    expect(received.map((r) => r.method)).toEqual(['POST', 'POST']);
    expect(received[0]!.type).toBe('application/x-www-form-urlencoded');
    expect(received.map((r) => Object.fromEntries(new URLSearchParams(r.body)))).toEqual(urls.map((url) => ({ 'hub.mode': 'publish', 'hub.url': url })));
  });

  it('reports a refusal or an unreachable hub in French, and keeps the feed to announce next time', async () => {
    status = 500;
    const [refused] = await pingHub(hubUrl, ['https://gazette.example/rss.xml']);
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/^le hub a répondu 500/) });
    const [unreachable] = await pingHub('http://127.0.0.1:9/', ['https://gazette.example/rss.xml']);
    expect(unreachable).toMatchObject({ ok: false, error: expect.stringMatching(/^hub injoignable/) });

    const current = { 'https://gazette.example/rss.xml': 'new', 'https://gazette.example/atom.xml': 'new' };
    const record = { 'https://gazette.example/rss.xml': 'old', 'https://gazette.example/atom.xml': 'old', 'https://gazette.example/gone.xml': 'old' };
    const next = nextRecord(current, record, [
      { url: 'https://gazette.example/rss.xml', ok: false, error: 'x' },
      { url: 'https://gazette.example/atom.xml', ok: true },
    ]);
    // The failed one still differs from the site (announced again); the gone one is forgotten.
    expect(next).toEqual({ 'https://gazette.example/rss.xml': 'old', 'https://gazette.example/atom.xml': 'new' });
    expect(changedFeeds(current, next)).toEqual(['https://gazette.example/rss.xml']);
  });
});

describe('scripts/websub-ping.ts', () => {
  /**
   * Runs the script as the workflow does, on a site.yaml of the basic
   * fixture with `siteYaml` appended and a built site. site.yaml accepts an
   * https hub only: a preload module sends the requests for
   * https://hub.example/ to the local hub. The script runs in another process
   * (execFile, not spawnSync): this one must stay free to answer as the hub.
   */
  function script(name: string, siteYaml: string) {
    const dir = path.join(tmp, name);
    mkdirSync(path.join(dir, 'content'), { recursive: true });
    writeFileSync(path.join(dir, 'content/site.yaml'), `${readFileSync(path.join(ROOT, 'tests/fixtures/basic/content/site.yaml'), 'utf8')}\n${siteYaml}`);
    builtSite(path.join(dir, 'dist'));
    const hook = path.join(dir, 'local-hub.mjs');
    writeFileSync(hook, `const real = globalThis.fetch;\nglobalThis.fetch = (url, init) => real(String(url) === 'https://hub.example/' ? ${JSON.stringify(hubUrl)} : url, init);\n`);
    const env = { ...process.env, ROTATIVE_CONTENT_DIR: path.join(dir, 'content'), ROTATIVE_OUT_DIR: path.join(dir, 'dist'), ROTATIVE_CACHE_DIR: path.join(dir, 'cache'), SITE_URL: '' };
    return {
      dist: path.join(dir, 'dist'),
      run: () =>
        new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
          execFile(process.execPath, ['--import', pathToFileURL(hook).href, path.join(ROOT, 'scripts/websub-ping.ts')], { cwd: ROOT, env, encoding: 'utf8' }, (err, stdout, stderr) =>
            resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
          );
        }),
    };
  }
  const pinged = () => received.map((r) => new URLSearchParams(r.body).get('hub.url')).sort();

  it('without a hub, says so and sends nothing', async () => {
    received.length = 0;
    const result = await script('no-hub', '').run();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('WebSub : aucun hub dans site.yaml');
    expect(received).toEqual([]);
  });

  it('announces every feed once, then only what changed; a refused ping warns and is announced again', async () => {
    const { dist, run } = script('hub', 'websub:\n  hub: "https://hub.example/"\n');
    received.length = 0;
    status = 204;
    let result = await run();
    expect(result.code, result.stderr).toBe(0);
    expect(pinged()).toEqual(['atom.xml', 'feed.json', 'rss.xml', 'rubriques/cloud/rss.xml', 'tags/openstack/feed.json'].map((f) => `https://gazette.example/${f}`));
    expect(result.stdout).toContain('WebSub : 5 flux signalés.');

    received.length = 0;
    result = await run();
    expect(received).toEqual([]);
    expect(result.stdout).toContain('aucun flux n’a changé');

    writeFileSync(path.join(dist, 'rubriques/cloud/rss.xml'), '<rss>cloud, un article de plus</rss>');
    status = 503;
    result = await run();
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('⚠ WebSub : https://gazette.example/rubriques/cloud/rss.xml non signalé — le hub a répondu 503');
    received.length = 0;
    status = 204;
    result = await run();
    expect(pinged()).toEqual(['https://gazette.example/rubriques/cloud/rss.xml']);
    expect(result.stdout).toContain('WebSub : 1 flux signalé.');
  });

  it('site.yaml: websub.hub must be an https address, said in French', () => {
    expect(siteSchema.parse({ name: 'G', url: 'https://g.example', websub: { hub: 'https://pubsubhubbub.appspot.com/' } }).websub).toEqual({ hub: 'https://pubsubhubbub.appspot.com/' });
    const refused = siteSchema.safeParse({ name: 'G', url: 'https://g.example', websub: { hub: 'http://hub.example/' } });
    expect(refused.success).toBe(false);
    expect(refused.error!.issues[0]!.message).toContain('commençant par https://');
    expect(siteSchema.safeParse({ name: 'G', url: 'https://g.example', websub: { hubs: 'https://hub.example/' } }).success).toBe(false);
  });

  it('keeps its record per site and per hub', () => {
    const a = pingRecordFile('/cache', 'https://gazette.example', 'https://hub.example/');
    expect(pingRecordFile('/cache', 'https://gazette.example/', 'https://hub.example/')).toBe(a);
    expect(pingRecordFile('/cache', 'https://autre.example', 'https://hub.example/')).not.toBe(a);
    expect(pingRecordFile('/cache', 'https://gazette.example', 'https://autre-hub.example/')).not.toBe(a);
    expect(readPingRecord(path.join(tmp, 'absent.json'))).toEqual({});
  });
});
