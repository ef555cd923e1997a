/** `/auteurs/<id>/atom.xml`: the feed of one author in Atom 1.0 (src/data/feeds.ts). */
import { feedRoute } from '../../../data/feeds.ts';

export const { getStaticPaths, GET } = feedRoute('author', 'atom');
