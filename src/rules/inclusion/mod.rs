//! Rules about inclusive wording. Most are phrase lists in `rules/phrases/`; the ones
//! here need to weigh a whole posting.

pub mod gendered_wording;
