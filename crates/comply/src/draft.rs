//! Drafting an agreement file from an agreement's own text.
