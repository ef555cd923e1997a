/** `/edition/feed.json`: the feed of the weekly editions (src/data/editions.ts), for readers and mailing services. */
import { getEditionFeed, getEditionFeedData } from '../../data/editions.ts';
import { singleFeedRoute } from '../../data/feeds.ts';

export const { getStaticPaths, GET } = singleFeedRoute(['json'], getEditionFeedData, getEditionFeed);
