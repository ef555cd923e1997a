/** `/feed.json`: the main feed in JSON Feed 1.1 (src/data/feeds.ts). */
import { mainFeedRoute } from '../data/feeds.ts';

export const { getStaticPaths, GET } = mainFeedRoute(['json']);
