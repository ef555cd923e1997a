/** `/tags/<slug>/feed.json`: the feed of one tag in JSON Feed 1.1 (src/data/feeds.ts). */
import { feedRoute } from '../../../data/feeds.ts';

export const { getStaticPaths, GET } = feedRoute('tag', 'json');
