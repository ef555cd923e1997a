/**
 * The XSL stylesheet that RSS and Atom feeds name in their
 * `<?xml-stylesheet?>`: a browser that opens a feed applies it and shows a
 * French page (what a feed is, how to subscribe, the latest items) instead
 * of raw XML. Feed readers ignore it.
 *
 * XSLT 1.0, the version browsers and xsltproc run. The page it makes has no
 * inline style and no script: the Content-Security-Policy of the site (sent
 * for every path by public/_headers) allows styles from the site's own files
 * only, so the look comes from a stylesheet file (`cssPath`).
 *
 * What the feeds give the XSL, and what it relies on (src/lib/feed.ts):
 * RSS `pubDate` is RFC 822 in Paris time (`Thu, 12 May 2016 08:00:00 +0200`),
 * Atom dates are RFC 3339 in Paris time (`2016-05-12T08:00:00+02:00`), so the
 * day is read from the text; the RSS `<description>` is the lede escaped as
 * HTML (`escapeHtml`), so the XSL unescapes its three entities to show it as
 * text.
 */
import { fr } from '../i18n/fr.ts';
import { escapeXml } from './feed.ts';

export interface FeedStylesheetOptions {
  /** Path of the page's CSS file (a file of the site, for the CSP). */
  cssPath: string;
}

const t = fr.feedPage;

/** The XSL document, as served at `/feed.xsl`. */
export function feedStylesheet({ cssPath }: FeedStylesheetOptions): string {
  const months = t.months.map((name, i) => `<xsl:when test="$month = ${i + 1}">${escapeXml(name)}</xsl:when>`).join('\n          ');
  return `<?xml version="1.0" encoding="utf-8"?>
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:variable name="title" select="string(/rss/channel/title | /atom:feed/atom:title)"/>
  <xsl:variable name="home" select="string(/rss/channel/link | /atom:feed/atom:link[@rel='alternate']/@href)"/>
  <xsl:variable name="self" select="string(/rss/channel/atom:link[@rel='self']/@href | /atom:feed/atom:link[@rel='self']/@href)"/>
  <xsl:variable name="lang" select="string(/rss/channel/language | /atom:feed/@xml:lang)"/>

  <xsl:template match="/">
    <html lang="{$lang}">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title>${escapeXml(t.title(''))}<xsl:value-of select="$title"/></title>
        <link rel="stylesheet" href="${escapeXml(cssPath)}"/>
      </head>
      <body>
        <main class="feed-page">
          <p class="feed-kind">${escapeXml(t.kind)}</p>
          <h1><xsl:value-of select="$title"/></h1>
          <p class="feed-lede">
            <xsl:choose>
              <xsl:when test="/rss">
                <xsl:call-template name="unescape-html"><xsl:with-param name="text" select="/rss/channel/description"/></xsl:call-template>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="/atom:feed/atom:subtitle"/></xsl:otherwise>
            </xsl:choose>
          </p>
          <section class="feed-help" aria-labelledby="feed-what">
            <h2 id="feed-what">${escapeXml(t.whatTitle)}</h2>
            <p>${escapeXml(t.what)}</p>
            <h2>${escapeXml(t.howTitle)}</h2>
            <ol>
              <li>${escapeXml(t.copy)} <code class="feed-address"><xsl:value-of select="$self"/></code></li>
              <li>${escapeXml(t.paste)}</li>
            </ol>
          </section>
          <section aria-labelledby="feed-latest">
            <h2 id="feed-latest">${escapeXml(t.latest)}</h2>
            <xsl:choose>
              <xsl:when test="/rss/channel/item | /atom:feed/atom:entry">
                <ol class="feed-items">
                  <xsl:apply-templates select="/rss/channel/item | /atom:feed/atom:entry"/>
                </ol>
              </xsl:when>
              <xsl:otherwise><p>${escapeXml(t.empty)}</p></xsl:otherwise>
            </xsl:choose>
          </section>
          <p class="feed-site"><a href="{$home}">${escapeXml(t.toSite)}</a></p>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="item">
    <li class="feed-item">
      <h3><a href="{link}"><xsl:value-of select="title"/></a></h3>
      <!-- Thu, 12 May 2016 08:00:00 +0200 -->
      <xsl:call-template name="date">
        <xsl:with-param name="year" select="substring(pubDate, 13, 4)"/>
        <xsl:with-param name="month" select="(string-length(substring-before('JanFebMarAprMayJunJulAugSepOctNovDec', substring(pubDate, 9, 3))) div 3) + 1"/>
        <xsl:with-param name="day" select="number(substring(pubDate, 6, 2))"/>
      </xsl:call-template>
      <p><xsl:call-template name="unescape-html"><xsl:with-param name="text" select="description"/></xsl:call-template></p>
    </li>
  </xsl:template>

  <xsl:template match="atom:entry">
    <li class="feed-item">
      <h3><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h3>
      <!-- 2016-05-12T08:00:00+02:00 -->
      <xsl:call-template name="date">
        <xsl:with-param name="year" select="substring(atom:published, 1, 4)"/>
        <xsl:with-param name="month" select="number(substring(atom:published, 6, 2))"/>
        <xsl:with-param name="day" select="number(substring(atom:published, 9, 2))"/>
      </xsl:call-template>
      <p><xsl:value-of select="atom:summary"/></p>
    </li>
  </xsl:template>

  <!-- « 12 mai 2016 », « 1er mai 2016 », as on the site's pages. -->
  <xsl:template name="date">
    <xsl:param name="year"/>
    <xsl:param name="month"/>
    <xsl:param name="day"/>
    <p class="feed-date">
      <time datetime="{$year}-{format-number($month, '00')}-{format-number($day, '00')}">
        <xsl:choose>
          <xsl:when test="$day = 1">1er</xsl:when>
          <xsl:otherwise><xsl:value-of select="$day"/></xsl:otherwise>
        </xsl:choose>
        <xsl:text> </xsl:text>
        <xsl:choose>
          ${months}
        </xsl:choose>
        <xsl:text> </xsl:text>
        <xsl:value-of select="$year"/>
      </time>
    </p>
  </xsl:template>

  <!-- The RSS lede is text escaped as HTML (&lt; &gt; &amp;): back to text, &amp; last. -->
  <xsl:template name="unescape-html">
    <xsl:param name="text"/>
    <xsl:variable name="lt"><xsl:call-template name="replace"><xsl:with-param name="text" select="$text"/><xsl:with-param name="from" select="'&amp;lt;'"/><xsl:with-param name="to" select="'&lt;'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="gt"><xsl:call-template name="replace"><xsl:with-param name="text" select="$lt"/><xsl:with-param name="from" select="'&amp;gt;'"/><xsl:with-param name="to" select="'&gt;'"/></xsl:call-template></xsl:variable>
    <xsl:call-template name="replace"><xsl:with-param name="text" select="$gt"/><xsl:with-param name="from" select="'&amp;amp;'"/><xsl:with-param name="to" select="'&amp;'"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="replace">
    <xsl:param name="text"/>
    <xsl:param name="from"/>
    <xsl:param name="to"/>
    <xsl:choose>
      <xsl:when test="contains($text, $from)">
        <xsl:value-of select="substring-before($text, $from)"/>
        <xsl:value-of select="$to"/>
        <xsl:call-template name="replace">
          <xsl:with-param name="text" select="substring-after($text, $from)"/>
          <xsl:with-param name="from" select="$from"/>
          <xsl:with-param name="to" select="$to"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
`;
}
