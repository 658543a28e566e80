//! The dense indices every id of the files resolves to: the model and the checker index
//! vectors with them and never look up strings.

macro_rules! id_type {
    ($name:ident, $doc:literal) => {
        #[doc = $doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);
        impl $name {
            /// The index into the instance's list of these.
            pub fn ix(self) -> usize {
                self.0 as usize
            }
        }
    };
}
id_type!(
    SchoolId,
    "A school: its index in [`Instance::schools`](super::Instance::schools)."
);
id_type!(
    GroupId,
    "An education group: its index in [`Instance::groups`](super::Instance::groups)."
);
id_type!(
    PersonId,
    "A staff member: their index in [`Instance::people`](super::Instance::people)."
);
id_type!(
    SubjectId,
    "A subject: its index in [`Instance::subjects`](super::Instance::subjects)."
);
