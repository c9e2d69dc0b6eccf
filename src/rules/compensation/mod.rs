//! Rules about pay: what the law requires, and how pay is stated.

pub mod open_ended_pay;
pub mod pay_transparency;
pub mod wide_pay_range;
