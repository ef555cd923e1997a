/** `/auteurs/<id>/rss.xml`: the feed of one author in RSS 2.0 (src/data/feeds.ts). */
import { feedRoute } from '../../../data/feeds.ts';

export const { getStaticPaths, GET } = feedRoute('author', 'rss');
