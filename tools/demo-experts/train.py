#!/usr/bin/env python3
"""Builds the CoE Router demo expert pack: tiny character-level transformers trained from scratch.

    nice -n 19 /usr/bin/python3 tools/demo-experts/train.py            # everything (about 30 minutes on 2 cores)
    nice -n 19 /usr/bin/python3 tools/demo-experts/train.py --only units-expert
    nice -n 19 /usr/bin/python3 tools/demo-experts/train.py --quick    # smoke run into /tmp/coe-demo-experts-quick
    nice -n 19 /usr/bin/python3 tools/demo-experts/train.py --emit-large 768 --out /tmp/large-768

Needs only Debian's torch (apt-get install python3-torch). See README.md beside this file.
"""

import argparse
import json
import math
import multiprocessing
import os
import random
import sys
import time
from collections import OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import torch                     # noqa: E402
import torch.nn.functional as F  # noqa: E402

import skills as S               # noqa: E402
from chargpt import (BOS, EOS, PAD, UNK, SPECIALS, VOCAB, CharGPT, decode, encode,  # noqa: E402
                     parameter_count)

REPO = os.path.dirname(os.path.dirname(HERE))
PACK_DIR = os.path.join(REPO, "demo-experts", "src", "main", "resources", "coe-demo-experts")
QUICK_DIR = "/tmp/coe-demo-experts-quick"
MAX_CONTEXT = 128
MAX_NEW_TOKENS = 24
STOP = "\n"
PROMPT_TEMPLATE = "{user}\n"
SPLIT_SEED = 0
AUG_PREFIX = ["Please tell me: ", "Quick question: ", "Question: ", "Hey, ", "Can you help? ", "I need to know: ",
              "Hi! ", "Q: ", "Here is a question. ", "Answer this: "]
AUG_SUFFIX = [" Thanks.", " Thank you!", " Please answer briefly.", " Just the answer, please.", " Quickly!"]

# name -> skill ("general" = all five), architecture, optimisation. Steps are fixed (not time based) so a rerun
# gives the same weights.
MODELS = OrderedDict([
    ("arithmetic-expert", dict(skill="arithmetic", layers=3, d_model=96, heads=4, steps=4000, batch=64,
                               lr=2e-3, seed=101)),
    ("units-expert", dict(skill="unit-conversion", layers=2, d_model=96, heads=4, steps=2500, batch=64,
                          lr=2e-3, seed=102)),
    ("strings-expert", dict(skill="string-manipulation", layers=3, d_model=96, heads=4, steps=3500, batch=64,
                            lr=2e-3, seed=103)),
    ("calendar-expert", dict(skill="calendar", layers=3, d_model=96, heads=4, steps=4000, batch=64,
                             lr=2e-3, seed=104, augment=0.5, dropout=0.1)),
    ("capitals-expert", dict(skill="capitals", layers=2, d_model=96, heads=4, steps=1500, batch=64,
                             lr=2e-3, seed=105)),
    # smaller and, per skill, trained far less (its steps are shared by five skills)
    ("generalist", dict(skill="general", layers=3, d_model=80, heads=4, steps=3000, batch=64,
                        lr=2e-3, seed=106)),
])
# training order with --jobs 2: the two longest first, the rest fills in (about 30 minutes on 2 busy cores)
TRAIN_ORDER = ["calendar-expert", "arithmetic-expert", "strings-expert", "generalist", "units-expert",
               "capitals-expert"]


# ----------------------------------------------------------------------------------------------------------------------
# data

class Data(object):
    """Evaluation questions and training pools of every skill (deterministic)."""

    def __init__(self):
        self.eval = []          # dicts question/answer/skill/split
        self.train = OrderedDict()
        for skill in S.SKILLS:
            ev, tr = S.split_skill(skill, SPLIT_SEED)
            for it, split in ev:
                self.eval.append(OrderedDict([("question", it.question), ("answer", it.answer),
                                              ("skill", skill), ("split", split)]))
            self.train[skill] = tr
        held = set(e["question"] for e in self.eval)
        for skill, kinds in self.train.items():
            for items in kinds.values():
                for it in items:
                    assert it.question not in held
        assert len(held) == len(self.eval)

    def sampler(self, skill, rng, augment=0.0):
        skills = S.SKILLS if skill == "general" else [skill]
        base = self._sampler(skills, rng)
        if not augment:
            return base

        def sample():
            # surface noise on training questions only: makes memorising whole strings harder than reading the
            # entities, so held-out phrasings of trained facts are answered
            q, a = base()
            r = rng.random()
            if r < augment / 2:
                q = rng.choice(AUG_PREFIX) + q
            elif r < augment:
                q = q + rng.choice(AUG_SUFFIX)
            return q, a
        return sample

    def _sampler(self, skills, rng):
        def sample():
            sk = rng.choice(skills)
            kinds = self.train[sk]
            kind = rng.choice(list(kinds.keys()))
            if sk == "string-manipulation" and rng.random() < 0.5:
                op = rng.choice(["first", "last"]) if kind == "letter" else kind
                it = rng.choice(S.string_items(S.pseudo_word(rng), op))
                return it.question, it.answer
            it = rng.choice(kinds[kind])
            return it.question, it.answer
        return sample


def batch_tensors(pairs):
    seqs, starts = [], []
    for q, a in pairs:
        prompt = [BOS] + encode(PROMPT_TEMPLATE.format(user=q))
        seqs.append(prompt + encode(a) + [EOS])
        starts.append(len(prompt))
    t = max(len(s) for s in seqs) - 1
    assert t + 1 <= MAX_CONTEXT
    x = torch.full((len(seqs), t), PAD, dtype=torch.long)
    y = torch.full((len(seqs), t), -100, dtype=torch.long)
    for r, (s, st) in enumerate(zip(seqs, starts)):
        x[r, :len(s) - 1] = torch.tensor(s[:-1])
        # loss only on the answer and <eos>: target index i predicts s[i+1]
        y[r, st - 1:len(s) - 1] = torch.tensor(s[st:])
    return x, y


# ----------------------------------------------------------------------------------------------------------------------
# training

def train_model(name, cfg, data, quick=False, log=print, callback=None):
    torch.manual_seed(cfg["seed"])
    rng = random.Random(cfg["seed"])
    model = CharGPT(cfg["layers"], cfg["heads"], cfg["d_model"], MAX_CONTEXT, dropout=cfg.get("dropout", 0.0))
    steps = 60 if quick else cfg["steps"]
    warmup = min(cfg.get("warmup", 200), steps // 10)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg["lr"], betas=(0.9, 0.98), weight_decay=0.01)
    sample = data.sampler(cfg["skill"], rng, cfg.get("augment", 0.0))
    model.train()
    t0 = time.time()
    ema = None
    for step in range(steps):
        if step < warmup:
            lr = cfg["lr"] * (step + 1) / warmup
        else:
            prog = (step - warmup) / max(1, steps - warmup)
            lr = cfg["lr"] * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * prog)))
        for g in opt.param_groups:
            g["lr"] = lr
        x, y = batch_tensors([sample() for _ in range(cfg["batch"])])
        logits = model.train_logits(x)
        loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), y.reshape(-1), ignore_index=-100)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        ema = loss.item() if ema is None else 0.98 * ema + 0.02 * loss.item()
        if (step + 1) % 250 == 0 or step + 1 == steps:
            log("  %-18s step %5d/%d  loss %.4f  lr %.5f  %.0fs" % (name, step + 1, steps, ema, lr, time.time() - t0))
        if callback is not None:
            callback(step + 1, model)
    model.eval()
    return model, time.time() - t0


# ----------------------------------------------------------------------------------------------------------------------
# reference generator (what the Java side must reproduce)

def model_dims(model):
    """(layers, heads, head_size) of an eager or TorchScript model."""
    return int(model.n_layer), int(model.n_head), int(model.head_size)


@torch.no_grad()
def generate(model, questions, max_new_tokens=MAX_NEW_TOKENS, batch_size=64):
    """Greedy decoding with the KV-cache interface, left-padded batches. Returns [(output, finish)]."""
    layers, heads, head_size = model_dims(model)
    out = []
    for s in range(0, len(questions), batch_size):
        chunk = questions[s:s + batch_size]
        prompts = [[BOS] + encode(PROMPT_TEMPLATE.format(user=q)) for q in chunk]
        b, t = len(prompts), max(len(p) for p in prompts)
        assert t + max_new_tokens <= MAX_CONTEXT
        ids = torch.full((b, t), PAD, dtype=torch.long)
        mask = torch.zeros((b, t), dtype=torch.long)
        for r, p in enumerate(prompts):
            ids[r, t - len(p):] = torch.tensor(p)
            mask[r, t - len(p):] = 1
        pos = (mask.cumsum(1) - 1).clamp(min=0)
        past = torch.zeros(layers, b, heads, 0, head_size)
        logits, k, v = model(ids, pos, mask, past, past)
        last = pos[:, -1:]
        gen = [[] for _ in range(b)]
        texts = [""] * b
        finish = [None] * b
        for step in range(max_new_tokens):
            nxt = logits.argmax(-1)
            for r in range(b):
                if finish[r] is not None:
                    continue
                tok = int(nxt[r])
                if tok == EOS:
                    finish[r] = "stop"
                    continue
                gen[r].append(tok)
                text = decode(gen[r])
                if STOP in text:
                    texts[r] = text[:text.index(STOP)]
                    finish[r] = "stop"
                else:
                    texts[r] = text
            if all(f is not None for f in finish) or step == max_new_tokens - 1:
                break
            last = last + 1
            mask = torch.cat([mask, torch.ones((b, 1), dtype=torch.long)], 1)
            logits, k, v = model(nxt.unsqueeze(1), last, mask, k, v)
        out += [(texts[r], finish[r] or "length") for r in range(b)]
    return out


def accuracy_by_skill(model, data, split="test"):
    rows = [e for e in data.eval if e["split"] == split]
    outs = generate(model, [e["question"] for e in rows])
    acc = OrderedDict()
    for skill in S.SKILLS:
        idx = [i for i, e in enumerate(rows) if e["skill"] == skill]
        ok = sum(1 for i in idx if outs[i][0].strip() == rows[i]["answer"])
        acc[skill] = round(ok / len(idx), 4)
    return acc, rows, outs


def check_kv_consistency(eager, scripted):
    """The exported model's incremental decoding must match a full recomputation."""
    q = "What is the capital of France?\nParis"
    ids = torch.tensor([[BOS] + encode(q)])
    full = eager.train_logits(ids)
    layers, heads, hs = model_dims(scripted)
    past = torch.zeros(layers, 1, heads, 0, hs)
    n = ids.size(1) - 5
    logits, k, v = scripted(ids[:, :n], torch.arange(n).unsqueeze(0), torch.ones(1, n, dtype=torch.long), past, past)
    worst = (logits - full[:, n - 1]).abs().max().item()
    for i in range(n, ids.size(1)):
        logits, k, v = scripted(ids[:, i:i + 1], torch.tensor([[i]]), torch.ones(1, i + 1, dtype=torch.long), k, v)
        worst = max(worst, (logits - full[:, i]).abs().max().item())
    assert k.shape == (layers, 1, heads, ids.size(1), hs), k.shape
    assert worst < 1e-4, worst
    return worst


# ----------------------------------------------------------------------------------------------------------------------
# files

def tokenizer_json():
    vocab = OrderedDict((tok, i) for i, tok in enumerate(VOCAB))
    added = [OrderedDict([("id", i), ("content", tok), ("single_word", False), ("lstrip", False), ("rstrip", False),
                          ("normalized", False), ("special", True)]) for i, tok in enumerate(SPECIALS)]
    return OrderedDict([
        ("version", "1.0"), ("truncation", None), ("padding", None), ("added_tokens", added),
        ("normalizer", None), ("pre_tokenizer", None), ("post_processor", None),
        ("decoder", OrderedDict([("type", "Fuse")])),
        ("model", OrderedDict([("type", "BPE"), ("dropout", None), ("unk_token", "<unk>"),
                               ("continuing_subword_prefix", None), ("end_of_word_suffix", None),
                               ("fuse_unk", False), ("byte_fallback", False), ("vocab", vocab), ("merges", [])])),
    ])


def manifest(name, cfg, params, acc):
    return OrderedDict([
        ("name", name), ("skill", cfg["skill"]), ("architecture", "char-gpt"), ("format", "torchscript-kv-v1"),
        ("layers", cfg["layers"]), ("heads", cfg["heads"]), ("head_size", cfg["d_model"] // cfg["heads"]),
        ("hidden_size", cfg["d_model"]), ("vocab_size", len(VOCAB)), ("max_context", MAX_CONTEXT),
        ("pad_id", PAD), ("bos_id", BOS), ("eos_id", EOS), ("unk_id", UNK), ("add_bos", True),
        ("prompt_template", PROMPT_TEMPLATE), ("stop", [STOP]),
        ("model_file", "model.pt"), ("tokenizer_file", "tokenizer.json"),
        ("parameters", params), ("vocab", list(VOCAB)), ("accuracy", acc),
    ])


def write_json(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=1, ensure_ascii=True)
        f.write("\n")


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=True) + "\n")


def export(model, folder):
    os.makedirs(folder, exist_ok=True)
    scripted = torch.jit.script(model)
    path = os.path.join(folder, "model.pt")
    scripted.save(path)
    write_json(os.path.join(folder, "tokenizer.json"), tokenizer_json())
    return torch.jit.load(path)


def golden_questions(cfg, data):
    test = [e for e in data.eval if e["split"] == "test"]
    first = OrderedDict()
    for e in test:
        first.setdefault(e["skill"], []).append(e["question"])
    if cfg["skill"] == "general":
        return [first[s][0] for s in S.SKILLS]
    own = first[cfg["skill"]][:3]
    others = [s for s in S.SKILLS if s != cfg["skill"]]
    i = S.SKILLS.index(cfg["skill"])
    return own + [first[others[i % 4]][1], first[others[(i + 2) % 4]][1]]


def dir_size(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def fmt_acc(a):
    return "%.0f%%" % (100 * a)


def write_readme(pack, results, data, build):
    test_n = OrderedDict((s, sum(1 for e in data.eval if e["skill"] == s and e["split"] == "test")) for s in S.SKILLS)
    prof_n = OrderedDict((s, sum(1 for e in data.eval if e["skill"] == s and e["split"] == "profile"))
                         for s in S.SKILLS)
    lines = []
    lines.append("# CoE demo expert pack")
    lines.append("")
    lines.append("Six tiny **character-level causal transformers** (`char-gpt`), trained from scratch by this project with "
                 "fixed seeds, so the router can be demonstrated and tested end to end with real local models and no "
                 "downloads: five specialists (one skill each) and one smaller, less-trained generalist. They are toys "
                 "(a few hundred thousand parameters each) that answer short templated questions; they are not "
                 "language models in any general sense.")
    lines.append("")
    lines.append("Licence: Apache-2.0 (weights, tokenizer files and evaluation data were produced by the project's "
                 "own script `tools/demo-experts/train.py`; no third-party data or weights).")
    lines.append("")
    lines.append("## Contents")
    lines.append("")
    lines.append("| Model | Skill | Layers | Hidden | Heads | Parameters | `model.pt` | Training steps | Training time |")
    lines.append("|---|---|---|---|---|---|---|---|---|")
    for name, r in results.items():
        cfg = MODELS[name]
        b = build["models"].get(name, {})
        lines.append("| `%s` | %s | %d | %d | %d | %d | %.0f KiB | %s | %s |" % (
            name, cfg["skill"], cfg["layers"], cfg["d_model"], cfg["heads"], r["params"],
            r["file_size"] / 1024.0, b.get("steps", "?"),
            ("%.0f s" % b["train_seconds"]) if "train_seconds" in b else "?"))
    lines.append("")
    lines.append("Each model folder holds `model.pt` (TorchScript, interface `torchscript-kv-v1`), `tokenizer.json` "
                 "(Hugging Face tokenizers format, one token per character) and `manifest.json`. Also here: "
                 "`eval/demo-eval.jsonl` (evaluation questions, never trained on), `golden.jsonl` (reference greedy "
                 "outputs for the Java generator) and `build-info.json` (training settings and times).")
    lines.append("")
    lines.append("Pack size: %.2f MB (%d bytes)." % (dir_size(pack) / 1e6, dir_size(pack)))
    lines.append("")
    lines.append("## Accuracy (test split, greedy decoding, exact match after trimming)")
    lines.append("")
    lines.append("| Model | " + " | ".join("%s (n=%d)" % (s, test_n[s]) for s in S.SKILLS) + " |")
    lines.append("|---|" + "---|" * len(S.SKILLS))
    for name, r in results.items():
        lines.append("| `%s` | " % name + " | ".join(fmt_acc(r["acc"][s]) for s in S.SKILLS) + " |")
    lines.append("")
    lines.append("Same on the profile split (what expert profiles are built from):")
    lines.append("")
    lines.append("| Model | " + " | ".join("%s (n=%d)" % (s, prof_n[s]) for s in S.SKILLS) + " |")
    lines.append("|---|" + "---|" * len(S.SKILLS))
    for name, r in results.items():
        lines.append("| `%s` | " % name + " | ".join(fmt_acc(r["acc_profile"][s]) for s in S.SKILLS) + " |")
    lines.append("")
    lines.append("## Prompt format and decoding")
    lines.append("")
    lines.append("Token ids: 0 `<pad>`, 1 `<bos>`, 2 `<eos>`, 3 `<unk>`, then the printable ASCII characters 32..126 "
                 "(ids 4..98) and `\\n` (id 99). Input: `<bos>` + question + `\\n`; the model answers and ends with "
                 "`<eos>`. Greedy decoding, at most 24 new tokens, stop at `<eos>` or `\\n`. The TorchScript "
                 "interface and the left-padding rules are specified in `tools/demo-experts/README.md`.")
    lines.append("")
    lines.append("## Evaluation data")
    lines.append("")
    lines.append("`eval/demo-eval.jsonl`: %d questions, one JSON object a line (`question`, `answer`, `skill`, "
                 "`split`), about half `profile` and half `test`. None of them occurs verbatim in training. String "
                 "operations and power-of-ten unit conversions are held out by *problem* (no phrasing of a held-out "
                 "problem is trained on, so these test generalisation to unseen words and numbers); arithmetic "
                 "(operands 1..30, times tables 2..9 x 2..12), capitals, calendar facts and the 60/24/12/7/3 "
                 "conversions are tables the models memorise, and are held out by *question string* (the same fact "
                 "is trained in other phrasings, so these test generalisation to unseen phrasings)." % len(data.eval))
    lines.append("")
    lines.append("## Regenerating")
    lines.append("")
    lines.append("```")
    lines.append("apt-get install -y python3-torch libopenblas0-openmp   # Debian 12: torch 1.13, CPU")
    lines.append("nice -n 19 /usr/bin/python3 tools/demo-experts/train.py     # about 35 minutes on 2 shared cores")
    lines.append("```")
    lines.append("")
    lines.append("Seeds and step counts are fixed and each model trains in its own single-threaded process (two at a "
                 "time), so the weights are reproducible on the same torch and BLAS build; only the timings in this "
                 "file and in `build-info.json` change. Training times above are wall-clock seconds of one process "
                 "while two or three such processes and other work shared two CPU cores. `--only NAME` retrains one "
                 "model (the others are reloaded and re-evaluated); `--eval-only` just re-evaluates. The generalist "
                 "has about as many parameters as the two-layer specialists but sees each skill for a fifth of its "
                 "3000 steps, far less than any specialist sees its own.")
    lines.append("")
    with open(os.path.join(pack, "README.md"), "w") as f:
        f.write("\n".join(lines))


# ----------------------------------------------------------------------------------------------------------------------
# main

def train_job(job):
    """Trains and exports one model (run in a worker process when --jobs > 1)."""
    name, quick, pack, threads = job
    torch.set_num_threads(threads)
    torch.use_deterministic_algorithms(True)
    cfg = MODELS[name]
    data = Data()
    print("training %s (%s)" % (name, cfg["skill"]), flush=True)
    eager, seconds = train_model(name, cfg, data, quick=quick, log=lambda m: print(m, flush=True))
    scripted = export(eager, os.path.join(pack, name))
    worst = check_kv_consistency(eager, scripted)
    print("  %-18s trained in %.0f s, exported; cached decoding matches full recomputation (max diff %.1e)" % (
        name, seconds, worst), flush=True)
    return name, seconds, worst, (60 if quick else cfg["steps"])


def emit_large(hidden, out, layers, max_context):
    torch.manual_seed(4242)
    heads = max(1, hidden // 64)
    model = CharGPT(layers, heads, hidden, max_context).eval()
    os.makedirs(out, exist_ok=True)
    scripted = export(model, out)
    params = parameter_count(model)
    m = manifest("large-untrained-%d" % hidden,
                 dict(skill="none", layers=layers, heads=heads, d_model=hidden), params, OrderedDict())
    m["max_context"] = max_context
    write_json(os.path.join(out, "manifest.json"), m)
    check_kv_consistency(model, scripted)
    print("wrote untrained %d-layer hidden-%d model (%d parameters, %.1f MB) to %s" % (
        layers, hidden, params, os.path.getsize(os.path.join(out, "model.pt")) / 1e6, out))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", action="append", choices=list(MODELS), help="train only this model (repeatable)")
    ap.add_argument("--eval-only", action="store_true",
                    help="train nothing: re-evaluate the models in the pack and rewrite manifests, golden, README")
    ap.add_argument("--quick", action="store_true", help="smoke run: 60 steps per model, into %s" % QUICK_DIR)
    ap.add_argument("--pack-dir", help="output folder (default: the pack in demo-experts/src/main/resources)")
    ap.add_argument("--emit-large", type=int, metavar="N",
                    help="write an untrained model with hidden size N (8 layers) to --out, and nothing else")
    ap.add_argument("--layers", type=int, default=8, help="layers for --emit-large")
    ap.add_argument("--max-context", type=int, default=MAX_CONTEXT, help="context for --emit-large")
    ap.add_argument("--out", help="output folder for --emit-large")
    ap.add_argument("--threads", type=int, default=1, help="torch threads per training process (default 1)")
    ap.add_argument("--jobs", type=int, default=2, help="models trained in parallel processes (default 2)")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True)

    if args.emit_large:
        if not args.out:
            ap.error("--emit-large needs --out")
        emit_large(args.emit_large, args.out, args.layers, args.max_context)
        return

    pack = args.pack_dir or (QUICK_DIR if args.quick else PACK_DIR)
    os.makedirs(os.path.join(pack, "eval"), exist_ok=True)
    t_all = time.time()
    data = Data()
    write_jsonl(os.path.join(pack, "eval", "demo-eval.jsonl"), data.eval)
    print("eval set: %d questions" % len(data.eval))

    build_path = os.path.join(pack, "build-info.json")
    build = OrderedDict([("torch", torch.__version__), ("threads", args.threads), ("split_seed", SPLIT_SEED),
                         ("models", OrderedDict())])
    if os.path.exists(build_path):
        with open(build_path) as f:
            old = json.load(f, object_pairs_hook=OrderedDict)
        build["models"].update(old.get("models", {}))

    todo = [] if args.eval_only else [n for n in TRAIN_ORDER if args.only is None or n in args.only]
    jobs = [(n, args.quick, pack, args.threads) for n in todo]
    if args.jobs > 1 and len(jobs) > 1:
        ctx = multiprocessing.get_context("spawn")
        with ctx.Pool(min(args.jobs, len(jobs))) as pool:
            trained = list(pool.imap_unordered(train_job, jobs, chunksize=1))
    else:
        trained = [train_job(j) for j in jobs]
    for name, seconds, worst, steps in trained:
        cfg = MODELS[name]
        build["models"][name] = OrderedDict([("seed", cfg["seed"]), ("steps", steps), ("batch", cfg["batch"]),
                                             ("lr", cfg["lr"]), ("layers", cfg["layers"]),
                                             ("hidden_size", cfg["d_model"]), ("augment", cfg.get("augment", 0.0)),
                                             ("dropout", cfg.get("dropout", 0.0)), ("threads", args.threads),
                                             ("train_seconds", round(seconds, 1)), ("kv_max_abs_diff", worst)])
    if todo:
        build["train_wall_seconds_last_run"] = round(time.time() - t_all, 1)

    results = OrderedDict()
    golden = []
    for name, cfg in MODELS.items():
        folder = os.path.join(pack, name)
        path = os.path.join(folder, "model.pt")
        if not os.path.exists(path):
            print("skipping %s: no %s" % (name, path))
            continue
        scripted = torch.jit.load(path)
        params = sum(dict((p.data_ptr(), p.numel()) for p in scripted.parameters()).values())
        acc, test_rows, test_outs = accuracy_by_skill(scripted, data, "test")
        acc_p, _, _ = accuracy_by_skill(scripted, data, "profile")
        # batched generation (batches of 64, left padded) must equal one-by-one generation
        sample = list(range(0, len(test_rows), max(1, len(test_rows) // 40)))
        singles = [generate(scripted, [test_rows[i]["question"]])[0] for i in sample]
        assert singles == [test_outs[i] for i in sample], name + ": batched != single on the test sample"
        qs = golden_questions(cfg, data)
        single = [generate(scripted, [q])[0] for q in qs]
        batched = generate(scripted, qs)
        assert single == batched, name + ": batched golden outputs differ"
        for q, (o, fin) in zip(qs, single):
            golden.append(OrderedDict([("model", name), ("question", q), ("output", o), ("finish", fin)]))
        write_json(os.path.join(folder, "manifest.json"), manifest(name, cfg, params, acc))
        results[name] = dict(acc=acc, acc_profile=acc_p, params=params,
                             file_size=os.path.getsize(os.path.join(folder, "model.pt")))
        print("  %-18s params %d  %s  test %s  profile %s  batched==single ok (%d + %d prompts)" % (
            name, params, "%.0f KiB" % (results[name]["file_size"] / 1024.0),
            " ".join("%s=%.2f" % (s, a) for s, a in acc.items()),
            " ".join("%.2f" % a for a in acc_p.values()), len(sample), len(qs)))

    write_jsonl(os.path.join(pack, "golden.jsonl"), golden)
    write_json(build_path, build)
    write_readme(pack, results, data, build)
    print("\naccuracy on the test split:")
    print("%-18s " % "" + " ".join("%10s" % s[:10] for s in S.SKILLS))
    for name, r in results.items():
        print("%-18s " % name + " ".join("%10.2f" % r["acc"][s] for s in S.SKILLS))
    print("pack %s: %.2f MB; total %.0f s" % (pack, dir_size(pack) / 1e6, time.time() - t_all))


if __name__ == "__main__":
    main()
