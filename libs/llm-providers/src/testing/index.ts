export {
  FAKE_EMBEDDING_DIMENSIONS,
  FAKE_MODELS,
  countFakeTokens,
  fakeChatAnswer,
  fakeEmbeddingFor,
  startFakeOpenAIServer,
} from './fake-openai-server';
export type {
  FakeOpenAIServer,
  FakeOpenAIServerOptions,
  RecordedRequest,
  RequestOutcome,
} from './fake-openai-server';
export { describeAdapterContract } from './adapter-contract';
export type {
  AdapterContractContext,
  AdapterContractSetup,
  ContractScenario,
} from './adapter-contract';
