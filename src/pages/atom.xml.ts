/** `/atom.xml`: the main feed in Atom 1.0 (src/data/feeds.ts). */
import { mainFeedRoute } from '../data/feeds.ts';

export const { GET } = mainFeedRoute('atom');
