/**
 * Representative vectors after the OWASP XSS filter-evasion cheat sheet. Each would run
 * `window.__parleyXss = …` if it ever reached the DOM as markup or as a followed URL.
 */
export const XSS_MARKUP: readonly string[] = [
  "<script>window.__parleyXss='script'</script>",
  "<SCRIPT SRC=//xss.invalid/xss.js></SCRIPT>",
  "<img src=x onerror=\"window.__parleyXss='img'\">",
  "<IMG SRC=# onmouseover=\"window.__parleyXss='mouse'\">",
  "<svg onload=\"window.__parleyXss='svg'\">",
  "<svg/onload=window.__parleyXss='svg2'>",
  "<body onload=window.__parleyXss='body'>",
  "<iframe src=\"javascript:window.__parleyXss='iframe'\"></iframe>",
  "<a href=\"javascript:window.__parleyXss='a'\">click</a>",
  "<div style=\"background-image: url(javascript:window.__parleyXss='css')\">",
  "<math><mtext><table><mglyph><style><img src=x onerror=window.__parleyXss='mxss'>",
  "\"><script>window.__parleyXss='break'</script>",
  "';window.__parleyXss='quote';//",
  "<<SCRIPT>window.__parleyXss='nested';//<</SCRIPT>",
  "<details open ontoggle=window.__parleyXss='toggle'>",
  "<input autofocus onfocus=window.__parleyXss='focus'>",
];

/** URLs that must never become an `href` or `src`. */
export const XSS_URLS: readonly string[] = [
  "javascript:window.__parleyXss='js'",
  "JaVaScRiPt:window.__parleyXss='case'",
  " javascript:window.__parleyXss='space'",
  "java\tscript:window.__parleyXss='tab'",
  "java\nscript:window.__parleyXss='newline'",
  "java\rscript:window.__parleyXss='cr'",
  "\u0001javascript:window.__parleyXss='ctrl'",
  "javascript&#58;window.__parleyXss='entity'",
  "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;window.__parleyXss='dec'",
  "&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;window.__parleyXss='hex'",
  "&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058window.__parleyXss='pad'",
  "javascript://%0Awindow.__parleyXss='comment'",
  "data:text/html,<script>window.__parleyXss='data'</script>",
  "data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wYXJsZXlYc3M9J2I2NCc8L3NjcmlwdD4=",
  "DATA:image/svg+xml,<svg onload=window.__parleyXss='datasvg'>",
  "vbscript:msgbox('xss')",
  "VBScript:msgbox('xss')",
  "file:///etc/passwd",
  "blob:https://example.com/0f0f",
  "https://user:pass@evil.example/",
];
