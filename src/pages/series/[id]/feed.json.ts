/** `/series/<id>/feed.json`: the feed of one series in JSON Feed 1.1 (src/data/feeds.ts). */
import { feedRoute } from '../../../data/feeds.ts';

export const { getStaticPaths, GET } = feedRoute('series', 'json');
