"""char-gpt: a tiny character-level decoder-only transformer with the TorchScript KV-cache interface
``torchscript-kv-v1`` (see README.md). Debian's torch 1.13 is enough."""

import math
from typing import List, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F

PAD, BOS, EOS, UNK = 0, 1, 2, 3
SPECIALS = ["<pad>", "<bos>", "<eos>", "<unk>"]
CHARS = [chr(c) for c in range(32, 127)] + ["\n"]
VOCAB = SPECIALS + CHARS                      # id = index
STOI = {c: i for i, c in enumerate(VOCAB)}
MASK_VALUE = -1.0e9


def encode(text):
    return [STOI.get(c, UNK) for c in text]


def decode(ids):
    return "".join(VOCAB[i] for i in ids if i >= len(SPECIALS))


class Block(nn.Module):
    def __init__(self, d_model: int, n_head: int, dropout: float = 0.0):
        super().__init__()
        self.dropout = dropout       # residual dropout, training only
        self.n_head = n_head
        self.head_size = d_model // n_head
        self.scale = 1.0 / math.sqrt(self.head_size)
        self.mask_value = MASK_VALUE
        self.ln1 = nn.LayerNorm(d_model)
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
        self.ln2 = nn.LayerNorm(d_model)
        self.fc = nn.Linear(d_model, 4 * d_model)
        self.out = nn.Linear(4 * d_model, d_model)

    def forward(self, x: torch.Tensor, allowed: torch.Tensor, past_k: torch.Tensor, past_v: torch.Tensor
                ) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        b, t, d = x.shape
        qkv = self.qkv(self.ln1(x))
        q, k, v = qkv.split(d, dim=2)
        q = q.view(b, t, self.n_head, self.head_size).transpose(1, 2)      # [B, H, T, Dh]
        k = k.view(b, t, self.n_head, self.head_size).transpose(1, 2)
        v = v.view(b, t, self.n_head, self.head_size).transpose(1, 2)
        k_all = torch.cat([past_k, k], dim=2)                              # [B, H, P+T, Dh]
        v_all = torch.cat([past_v, v], dim=2)
        att = torch.matmul(q, k_all.transpose(-2, -1)) * self.scale        # [B, H, T, P+T]
        att = att.masked_fill(allowed.logical_not(), self.mask_value)
        att = torch.softmax(att, dim=-1)
        y = torch.matmul(att, v_all).transpose(1, 2).reshape(b, t, d)
        x = x + F.dropout(self.proj(y), self.dropout, self.training)
        x = x + F.dropout(self.out(F.gelu(self.fc(self.ln2(x)))), self.dropout, self.training)
        return x, k_all, v_all


class CharGPT(nn.Module):
    def __init__(self, n_layer: int = 2, n_head: int = 4, d_model: int = 64, max_context: int = 128,
                 vocab_size: int = len(VOCAB), dropout: float = 0.0):
        super().__init__()
        assert d_model % n_head == 0
        self.n_layer = n_layer
        self.n_head = n_head
        self.d_model = d_model
        self.head_size = d_model // n_head
        self.max_context = max_context
        self.vocab_size = vocab_size
        self.tok = nn.Embedding(vocab_size, d_model)
        self.pos = nn.Embedding(max_context, d_model)
        self.blocks = nn.ModuleList([Block(d_model, n_head, dropout) for _ in range(n_layer)])
        self.ln_f = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, vocab_size, bias=False)
        self.head.weight = self.tok.weight       # tied
        self.apply(self._init)
        for blk in self.blocks:
            nn.init.normal_(blk.proj.weight, std=0.02 / math.sqrt(2 * n_layer))
            nn.init.normal_(blk.out.weight, std=0.02 / math.sqrt(2 * n_layer))

    @staticmethod
    def _init(m):
        if isinstance(m, nn.Linear):
            nn.init.normal_(m.weight, std=0.02)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.Embedding):
            nn.init.normal_(m.weight, std=0.02)

    def hidden(self, input_ids: torch.Tensor, position_ids: torch.Tensor, attention_mask: torch.Tensor,
               past_keys: torch.Tensor, past_values: torch.Tensor
               ) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        t = input_ids.size(1)
        p = past_keys.size(3)
        x = self.tok(input_ids) + self.pos(position_ids)
        # key j (0..P+T-1) is visible to new token i (0..T-1) iff attention_mask[b, j] == 1 and j <= P + i
        keys = torch.arange(p + t, device=input_ids.device)
        queries = torch.arange(t, device=input_ids.device) + p
        causal = keys.unsqueeze(0) <= queries.unsqueeze(1)                              # [T, P+T]
        allowed = causal.unsqueeze(0).unsqueeze(0) & (attention_mask != 0).unsqueeze(1).unsqueeze(2)  # [B,1,T,P+T]
        ks: List[torch.Tensor] = []
        vs: List[torch.Tensor] = []
        i = 0
        for blk in self.blocks:
            x, k, v = blk(x, allowed, past_keys[i], past_values[i])
            ks.append(k)
            vs.append(v)
            i += 1
        return self.ln_f(x), torch.stack(ks, 0), torch.stack(vs, 0)

    def forward(self, input_ids: torch.Tensor, position_ids: torch.Tensor, attention_mask: torch.Tensor,
                past_keys: torch.Tensor, past_values: torch.Tensor
                ) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        h, k, v = self.hidden(input_ids, position_ids, attention_mask, past_keys, past_values)
        return self.head(h[:, -1, :]), k, v

    def empty_past(self, batch: int) -> torch.Tensor:
        return torch.zeros(self.n_layer, batch, self.n_head, 0, self.head_size)

    def train_logits(self, input_ids):
        """All-position logits for training (right padding, causal mask only)."""
        b, t = input_ids.shape
        pos = torch.arange(t).unsqueeze(0).expand(b, t)
        mask = torch.ones(b, t, dtype=torch.long)
        past = self.empty_past(b)
        h, _, _ = self.hidden(input_ids, pos, mask, past, past)
        return self.head(h)


def parameter_count(model):
    return sum(p.numel() for p in model.parameters())   # tied weights counted once
