/** `/rubriques/<id>/rss.xml`: the feed of one rubrique in RSS 2.0 (src/data/feeds.ts). */
import { feedRoute } from '../../../data/feeds.ts';

export const { getStaticPaths, GET } = feedRoute('category', 'rss');
