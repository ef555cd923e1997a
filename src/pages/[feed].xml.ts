/** `/rss.xml` and `/atom.xml`: the main feed in RSS 2.0 and Atom 1.0 (src/data/feeds.ts). */
import { mainFeedRoute } from '../data/feeds.ts';

export const { getStaticPaths, GET } = mainFeedRoute(['rss', 'atom']);
