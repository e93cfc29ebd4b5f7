"""The docs page's quick-start code, written for this server's base URL.

Kept as data rather than template text so the tests can run exactly what the page shows:
each example reads the key from `FITROOM_API_KEY` and the photos from `person.jpg` and
`garment.jpg` in the working directory.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Example:
    name: str  # the tab label
    language: str  # what runs it: "shell", "python", "javascript"
    code: str


def quick_start(base_url: str) -> list[Example]:
    """One VirtuFit try-on, from upload to the saved result, in three languages."""
    curl = f"""# export FITROOM_API_KEY=fr_...   (a key from the API keys page)
curl -s -X POST "{base_url}/api/v1/generate" \\
  -H "X-API-Key: $FITROOM_API_KEY" \\
  -H "Prefer: wait=60" \\
  -F "person_image=@person.jpg" \\
  -F "garment_image=@garment.jpg" \\
  -F "tier=basic" \\
  -F "swap_target=top"
# → {{"success":true,"job_id":"…","output_url":"{base_url}/files/…","credits_remaining":49,…}}
# (without "Prefer: wait" the answer is 202 at once, with a status_url to poll)
# then: curl -o result.jpg "<output_url>"
"""
    python = f"""import os
import time

import requests

BASE = "{base_url}"
HEADERS = {{"X-API-Key": os.environ["FITROOM_API_KEY"]}}

with open("person.jpg", "rb") as person, open("garment.jpg", "rb") as garment:
    answer = requests.post(
        f"{{BASE}}/api/v1/generate",
        headers=HEADERS,
        files={{"person_image": person, "garment_image": garment}},
        data={{"tier": "basic", "swap_target": "top"}},
        timeout=60,
    )
answer.raise_for_status()
job = answer.json()
print("queued", job["job_id"], "about", job["estimated_seconds"], "s")

while True:
    status = requests.get(job["status_url"], headers=HEADERS, timeout=30).json()
    if status["status"] in ("completed", "failed"):
        break
    time.sleep(1)

if status["status"] == "completed":
    with open("result.jpg", "wb") as out:
        out.write(requests.get(status["output_url"], timeout=60).content)
    print("saved result.jpg;", status["credits_remaining"], "credits left")
else:
    print("failed:", status["error"]["code"], status["error"]["message"])
"""
    javascript = f"""// Node 18 or later: save as tryon.mjs, run with `node tryon.mjs`
import {{ readFile, writeFile }} from "node:fs/promises";

const BASE = "{base_url}";
const headers = {{ "X-API-Key": process.env.FITROOM_API_KEY }};

const form = new FormData();
form.append("person_image", new Blob([await readFile("person.jpg")]), "person.jpg");
form.append("garment_image", new Blob([await readFile("garment.jpg")]), "garment.jpg");
form.append("tier", "basic");
form.append("swap_target", "top");

const answer = await fetch(`${{BASE}}/api/v1/generate`, {{ method: "POST", headers, body: form }});
const job = await answer.json();
if (!answer.ok) throw new Error(`${{job.error.code}}: ${{job.error.message}}`);

let status;
do {{
  await new Promise((resolve) => setTimeout(resolve, 1000));
  status = await (await fetch(job.status_url, {{ headers }})).json();
}} while (status.status === "queued" || status.status === "processing");

if (status.status === "completed") {{
  const image = await fetch(status.output_url);
  await writeFile("result.jpg", Buffer.from(await image.arrayBuffer()));
  console.log("saved result.jpg;", status.credits_remaining, "credits left");
}} else {{
  console.error("failed:", status.error.code, status.error.message);
}}
"""
    return [
        Example("cURL", "shell", curl),
        Example("Python", "python", python),
        Example("JavaScript", "javascript", javascript),
    ]


def other_dialects(base_url: str, fashn_model: str) -> list[Example]:
    """The same try-on through the Miragic and FASHN APIs (same key, same credits, same jobs)."""
    miragic = f"""curl -s -X POST "{base_url}/api/v1/virtual-try-on" \\
  -H "X-API-Key: $FITROOM_API_KEY" \\
  -F "humanImage=@person.jpg" \\
  -F "clothImage=@garment.jpg" \\
  -F "garmentType=upper_body"
# → {{"success":true,"data":{{"jobId":"…","status":"PENDING","mode":"SINGLE",…}}}}
# add -F "bottomClothImage=@bottom.jpg" for a top + bottom combo in one image

curl -s -H "X-API-Key: $FITROOM_API_KEY" "{base_url}/api/v1/virtual-try-on/<jobId>"
"""
    fashn = f"""import base64
import os

from fashn import Fashn  # pip install fashn: the official SDK, unmodified


def data_uri(path: str) -> str:
    with open(path, "rb") as f:
        return "data:image/jpeg;base64," + base64.b64encode(f.read()).decode()


client = Fashn(api_key=os.environ["FITROOM_API_KEY"], base_url="{base_url}")
result = client.predictions.subscribe(
    model_name="{fashn_model}",
    inputs={{"model_image": data_uri("person.jpg"), "garment_image": data_uri("garment.jpg"), "category": "tops"}},
)
print(result.status, result.output)
"""
    return [Example("Miragic", "shell", miragic), Example("FASHN (Python SDK)", "python", fashn)]
