/** `/auteurs/<id>/feed.json`: the feed of one author in JSON Feed 1.1 (src/data/feeds.ts). */
import { feedRoute } from '../../../data/feeds.ts';

export const { getStaticPaths, GET } = feedRoute('author', 'json');
