/**
 * The crawlers `robots:` in site.yaml allows or blocks, by group: the one
 * list of their user-agent tokens (the name a crawler looks for in a
 * robots.txt `User-agent:` line). Each token is the one its operator
 * documents, at the address in the comment beside it; keep this list in step
 * with those pages (a new crawler goes in the group of what it does with the
 * pages, not of who runs it).
 */

/** What a group of crawlers does with the pages it fetches. */
export type CrawlerGroup = 'training' | 'answers' | 'search';

/** The groups, in the order robots.txt writes them. */
export const CRAWLER_GROUPS: readonly CrawlerGroup[] = ['training', 'answers', 'search'];

/** Each group's user-agent tokens. */
export const CRAWLERS: Readonly<Record<CrawlerGroup, readonly string[]>> = {
  /** Collect pages to train language models. */
  training: [
    'GPTBot', // OpenAI: https://platform.openai.com/docs/bots
    'ClaudeBot', // Anthropic: https://support.anthropic.com/en/articles/8896518
    'anthropic-ai', // Anthropic's former token, still honoured: same page
    'CCBot', // Common Crawl, whose archive trains most models: https://commoncrawl.org/ccbot
    'Google-Extended', // Google, a token read by Googlebot for Gemini training, not a crawler of its own: https://developers.google.com/search/docs/crawling-indexing/google-common-crawlers
    'Applebot-Extended', // Apple, a token read by Applebot for Apple's models: https://support.apple.com/en-us/119829
    'Bytespider', // ByteDance (Doubao); no page of its own: https://darkvisitors.com/agents/bytespider
    'meta-externalagent', // Meta: https://developers.facebook.com/docs/sharing/webmasters/web-crawlers
    'Amazonbot', // Amazon: https://developer.amazon.com/amazonbot
    'cohere-training-data-crawler', // Cohere: https://darkvisitors.com/agents/cohere-training-data-crawler
  ],
  /** Fetch pages to quote or summarise them in an AI assistant's answer. */
  answers: [
    'OAI-SearchBot', // OpenAI, ChatGPT search: https://platform.openai.com/docs/bots
    'ChatGPT-User', // OpenAI, a page a ChatGPT user asks for: same page
    'Claude-SearchBot', // Anthropic: https://support.anthropic.com/en/articles/8896518
    'Claude-User', // Anthropic, a page a Claude user asks for: same page
    'PerplexityBot', // Perplexity: https://docs.perplexity.ai/guides/bots
    'Perplexity-User', // Perplexity, a page a user asks for: same page
    'MistralAI-User', // Mistral, Le Chat: https://docs.mistral.ai/robots/
  ],
  /** Index pages for a search engine's results. */
  search: [
    'Googlebot', // Google Search (Google News and Discover included): https://developers.google.com/search/docs/crawling-indexing/google-common-crawlers
    'Bingbot', // Microsoft Bing (and the engines built on it): https://www.bing.com/webmasters/help/which-crawlers-does-bing-use-8c184ec0
    'Applebot', // Apple, Spotlight and Safari suggestions: https://support.apple.com/en-us/119829
    'DuckDuckBot', // DuckDuckGo: https://duckduckgo.com/duckduckgo-help-pages/results/duckduckbot
    'Qwantbot', // Qwant: https://help.qwant.com/bot/
    'YandexBot', // Yandex: https://yandex.com/support/webmaster/robot-workings/check-yandex-robots.html
  ],
};
