export { type DisputeParameters, dispute } from "./dispute.ts";
export {
  type GetIndexConfigParameters,
  type GetIndexConfigReturnType,
  getIndexConfig,
} from "./getIndexConfig.ts";
export {
  type GetQuestionParameters,
  type GetQuestionReturnType,
  getQuestion,
  QUESTION_STATUSES,
  type QuestionStatus,
} from "./getQuestion.ts";
export { type ListedQuestion, type ListQuestionsParameters, listQuestions } from "./listQuestions.ts";
export { type ProposeParameters, propose } from "./propose.ts";
