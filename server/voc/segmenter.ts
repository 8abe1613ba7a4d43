/** Cuts text into words, in order; joined they give the text back. */
export type Segmenter = (text: string) => string[];

let loading: Promise<Segmenter> | null = null;

/**
 * Chinese word segmentation (jieba; the native binary and its dictionary ship inside the npm
 * packages, nothing is downloaded at run time). Imported on first use and kept for the life of the
 * process, so pages and jobs that never tag text never load it. The default dictionary is never
 * changed: organisations' keyword dictionaries are matched after cutting (tagger.ts), so they
 * cannot leak into one another through a shared segmenter.
 */
export function loadSegmenter(): Promise<Segmenter> {
  loading ??= (async () => {
    const [{ Jieba }, { dict }] = await Promise.all([import("@node-rs/jieba"), import("@node-rs/jieba/dict")]);
    const jieba = Jieba.withDict(dict);
    // HMM off: only dictionary words, so the cuts a term is matched against stay predictable.
    return (text: string) => jieba.cut(text, false);
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
