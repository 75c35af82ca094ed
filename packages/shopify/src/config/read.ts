/** Reads `<script type="application/json" id="lifeboat-config">`. */
export function readConfigElement(doc: Document = document, id = 'lifeboat-config'): { ok: true; value: unknown } | { ok: false; error: string } {
  const el = doc.getElementById(id);
  if (!el) return { ok: false, error: `no <script type="application/json" id="${id}"> on the page` };
  try {
    return { ok: true, value: JSON.parse(el.textContent ?? '') };
  } catch (e) {
    return { ok: false, error: `#${id} is not valid JSON: ${(e as Error).message}` };
  }
}
