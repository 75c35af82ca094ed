/** Reads `<script type="application/json" id="lifeboat-config">`; `text` is its exact text (what the cached verdict hashes). */
export function readConfigElement(
  doc: Document = document,
  id = 'lifeboat-config',
): { ok: true; value: unknown; text: string; el: Element } | { ok: false; error: string } {
  const el = doc.getElementById(id);
  if (!el) return { ok: false, error: `no <script type="application/json" id="${id}"> on the page` };
  const text = el.textContent ?? '';
  try {
    return { ok: true, value: JSON.parse(text), text, el };
  } catch (e) {
    return { ok: false, error: `#${id} is not valid JSON: ${(e as Error).message}` };
  }
}
