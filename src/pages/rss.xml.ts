/** `/rss.xml`: the main feed in RSS 2.0 (src/data/feeds.ts). */
import { mainFeedRoute } from '../data/feeds.ts';

export const { GET } = mainFeedRoute('rss');
