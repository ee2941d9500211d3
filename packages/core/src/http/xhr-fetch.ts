/**
 * Sends one request through XMLHttpRequest and answers it as a fetch `Response`: browsers report
 * upload progress only to XHR, never to fetch. Progress stays below 1 until the answer is read,
 * so 1 always means "the server has it".
 */
export function xhrFetch(
  url: URL,
  init: RequestInit,
  onProgress: (fraction: number) => void,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(init.method ?? "GET", url.href);
    for (const [name, value] of Object.entries((init.headers ?? {}) as Record<string, string>)) {
      xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0)
        onProgress(Math.min(event.loaded / event.total, 0.99));
    };
    xhr.onload = () => {
      // Status 0 would mean no answer; a Response needs 200-599, and null-body statuses no body.
      if (xhr.status < 200 || xhr.status > 599) {
        reject(new TypeError(`no usable answer (status ${xhr.status})`));
        return;
      }
      const empty = xhr.status === 204 || xhr.status === 205 || xhr.status === 304;
      resolve(
        new Response(empty ? null : xhr.responseText, {
          status: xhr.status,
          statusText: xhr.statusText,
          headers: { "content-type": xhr.getResponseHeader("content-type") ?? "text/plain" },
        }),
      );
    };
    const fail = (what: string) => () => reject(new TypeError(`upload ${what}`));
    xhr.onerror = fail("failed");
    xhr.onabort = fail("aborted");
    xhr.ontimeout = fail("timed out");
    xhr.send((init.body ?? null) as XMLHttpRequestBodyInit | null);
  });
}
