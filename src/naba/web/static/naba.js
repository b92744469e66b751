// naba: citations reveal their passage; an ingest job page polls its job until it ends.
"use strict";

const PHASES = {reading: "(قراءة المدخلات وتنظيفها)", corpus: "(النسخ والقصص والوقائع)"};
const STATUSES = {queued: "في الانتظار", running: "قيد التنفيذ", done: "اكتملت", failed: "تعذّرت"};  // as pages.py

// A count with its noun in Arabic agreement, as naba.text.count_ar: «1 مقال», «مقالان», «5 مقالات», «28 مقالاً».
function countAr(n, one, two, few, many) {
  if (n === 1) return `1 ${one}`;
  if (n === 2) return two;
  const rest = n % 100;
  if (n >= 100 && rest <= 2) return `${n} ${one}`;
  return `${n} ${n === 0 || (rest >= 3 && rest <= 10) ? few : (many || one)}`;
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button.cite");
  if (!button) return;
  const passage = document.getElementById(button.dataset.cite);
  if (!passage) return;
  passage.hidden = !passage.hidden;
  button.setAttribute("aria-expanded", String(!passage.hidden));
});

function showJob(job) {
  const byId = (id) => document.getElementById(id);
  byId("job-status").textContent = STATUSES[job.status] || job.status;
  byId("job-phase").textContent = PHASES[job.phase] || "";
  byId("job-read").textContent = job.read;
  if (job.error) byId("job-error").textContent = job.error;
  if (job.status !== "done") return;
  byId("job-summary").textContent = `${countAr(job.articles, "مقال", "مقالان", "مقالات", "مقالاً")} ` +
    `(الجديد منها ${job.stored})، ${countAr(job.stories.length, "قصة", "قصتان", "قصص", "قصة")}`;
  const stories = byId("job-stories");
  stories.replaceChildren(...job.stories.map((s) => {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = `/stories/${encodeURIComponent(s.id)}`;
    a.textContent = s.title;  // text, never HTML
    li.append(a);
    return li;
  }));
  const rejected = byId("job-rejected");
  if (job.rejected.length) {
    rejected.replaceChildren(...job.rejected.map((r) => {
      const li = document.createElement("li");
      li.textContent = `${r.source_path}: ${r.reason_ar ? r.reason_ar + " — " : ""}${r.reason}`;  // Arabic, the English detail beside
      return li;
    }));
  }
}

async function pollJob(box) {
  const response = await fetch(`/api/jobs/${encodeURIComponent(box.dataset.job)}`, {credentials: "same-origin"});
  if (!response.ok) return;
  const job = await response.json();
  showJob(job);
  box.dataset.status = job.status;
  if (job.status === "done" || job.status === "failed") {
    const bar = document.getElementById("job-progress");
    bar.max = 1;
    bar.value = 1;
    return;
  }
  setTimeout(() => pollJob(box), 500);
}

document.addEventListener("DOMContentLoaded", () => {
  const box = document.getElementById("job");
  if (box && box.dataset.status !== "done" && box.dataset.status !== "failed") pollJob(box);
  const cited = document.getElementById("cited");
  if (cited) cited.scrollIntoView({block: "center"});
});
