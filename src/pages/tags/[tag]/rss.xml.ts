/** `/tags/<slug>/rss.xml`: the feed of one tag in RSS 2.0 (src/data/feeds.ts). */
import { feedRoute } from '../../../data/feeds.ts';

export const { getStaticPaths, GET } = feedRoute('tag', 'rss');
